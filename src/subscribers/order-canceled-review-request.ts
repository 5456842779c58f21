import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { cancelReviewRequestWorkflow } from "../workflows/review-requests/workflows/cancel-review-request"
import { withLoggableErrors } from "../utils/database-errors"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"

/** A canceled order's review request is canceled if it has not gone out yet. */
async function orderCanceledReviewRequest({ event, container }: SubscriberArgs<{ id: string }>) {
  await cancelReviewRequestWorkflow(container).run({ input: { order_id: event.data.id } })
}

export default withLoggableErrors(orderCanceledReviewRequest)

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.CANCELED,
  context: { subscriberId: "engagement-order-canceled-review-request" },
}
