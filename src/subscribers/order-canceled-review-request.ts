import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { cancelReviewRequestWorkflow } from "../workflows/review-requests/workflows/cancel-review-request"

/** A canceled order's review request is canceled if it has not gone out yet. */
export default async function orderCanceledReviewRequest({ event, container }: SubscriberArgs<{ id: string }>) {
  await cancelReviewRequestWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "engagement-order-canceled-review-request" },
}
