import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { withLoggableErrors } from "../utils/database-errors"

/**
 * Sends every platform that keeps contacts the changes whose coalescing window has passed, and
 * follows on (lookup, then create or update) until nothing more is due. Safe in several processes.
 */
async function syncDueContacts(container: MedusaContainer) {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  if (!engagement.contactSyncPlatforms().length) {
    return
  }
  const { planned, delivered } = await engagement.runContactSync()
  if (planned) {
    container.resolve("logger").info(`engagement contact sync: ${planned} calls planned, ${delivered} delivered`)
  }
}

// not counted as work in flight: a test does not wait for a minute tick (utils/work-in-flight.ts)
export default withLoggableErrors(syncDueContacts, { counted: false })

export const config = {
  name: "engagement-sync-due-contacts",
  schedule: "* * * * *",
}
