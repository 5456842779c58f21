import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { cancelJourneysWorkflow } from "../workflows/contact-sync/workflows/cancel-journeys"
import { withLoggableErrors } from "../utils/database-errors"
import { CustomerWorkflowEvents } from "@medusajs/framework/utils"

/** A deleted customer gets no more journeys: their email is read from the contact profile the plugin keeps. */
async function customerDeletedJourneys({ event, container }: SubscriberArgs<{ id: string }>) {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const [profile] = await engagement.listContactProfiles({ customer_id: event.data.id })
  if (!profile?.email) {
    return
  }
  await cancelJourneysWorkflow(container).run({
    input: {
      cancellations: [{ email: profile.email, customer_id: event.data.id, cause: `customer-deleted:${event.data.id}` }],
    },
  })
}

export default withLoggableErrors(customerDeletedJourneys)

export const config: SubscriberConfig = {
  event: CustomerWorkflowEvents.DELETED,
  context: { subscriberId: "engagement-customer-deleted-journeys" },
}
