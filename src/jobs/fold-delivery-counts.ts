import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { withLoggableErrors } from "../utils/database-errors"

/**
 * Folds the outbox's count changes (a row per insert and change of status) into its counts by
 * platform and status, so the delivery log's count reads as many rows as platforms and statuses
 * plus a minute of changes. The counts are exact between folds too. Safe in several processes.
 */
async function foldDeliveryCounts(container: MedusaContainer) {
  await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).foldDeliveryCounts()
}

// not counted as work in flight: a test does not wait for a minute tick (utils/work-in-flight.ts)
export default withLoggableErrors(foldDeliveryCounts, { counted: false })

export const config = {
  name: "engagement-fold-delivery-counts",
  schedule: "* * * * *",
}
