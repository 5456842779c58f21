import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { recordCheckoutConsentsWorkflow } from "../workflows/consents/workflows/record-checkout-consents"
import { withLoggableErrors } from "../utils/database-errors"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"

/**
 * The consent choices made at checkout go into the ledger of the customer signed in at checkout
 * (or a guest's own record), once per order: the rows' ids are per order and purpose and the ledger
 * writes under a lock per purpose, so a repeated or racing `order.placed` adds nothing.
 */
async function orderPlacedCheckoutConsents({ event, container }: SubscriberArgs<{ id: string }>) {
  await recordCheckoutConsentsWorkflow(container).run({ input: { order_id: event.data.id } })
}

export default withLoggableErrors(orderPlacedCheckoutConsents)

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "engagement-order-placed-checkout-consents" },
}
