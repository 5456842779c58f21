import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { createReviewRequestWorkflow } from "../workflows/review-requests/workflows/create-review-request"
import { withLoggableErrors } from "../utils/database-errors"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"

/** Every placed order gets its review request scheduled (or skipped, with the reason). */
async function orderPlacedReviewRequest({ event, container }: SubscriberArgs<{ id: string }>) {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  if (!(await engagement.effectiveOptions()).review_requests.enabled) {
    return
  }
  await createReviewRequestWorkflow(container).run({ input: { order_id: event.data.id } })
}

export default withLoggableErrors(orderPlacedReviewRequest)

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "engagement-order-placed-review-request" },
}
