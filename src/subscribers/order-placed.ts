import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { processPlacedOrderWorkflow } from "../workflows/placed-orders/workflows/process-placed-order"
import { loggableMessage, withLoggableErrors } from "../utils/database-errors"
import { afterTheAnswer } from "../utils/after-the-answer"

/**
 * The plugin's whole work for a placed order, in one workflow (process-placed-order.ts): its
 * statistics, checkout consents, review request, cart conversion and points. A part that failed
 * did not stop the others; it is named here, and the reconciliation job redoes it. Placed by a
 * checkout in this process (the in-memory event bus), it starts once the checkout has its answer:
 * the points the cart spent are redeemed inside the checkout already (complete-cart-redemption).
 */
async function orderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  await afterTheAnswer()
  const { errors } = await processPlacedOrderWorkflow(container).run({
    input: { order_id: event.data.id },
    throwOnError: false,
  })
  if (errors.length) {
    const failed = errors.map(({ action, error }) => `${action}: ${loggableMessage(error)}`).join("; ")
    throw new Error(`order.placed work of ${event.data.id} failed in part: ${failed}`)
  }
}

export default withLoggableErrors(orderPlaced)

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "engagement-order-placed" },
}
