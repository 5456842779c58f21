import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { recordCheckoutConsentsWorkflow } from "../workflows/consents/workflows/record-checkout-consents"
import { withLoggableErrors } from "../utils/database-errors"

/** The consent choices made at checkout go into the customer's ledger, once per order. */
async function orderPlacedCheckoutConsents({ event, container }: SubscriberArgs<{ id: string }>) {
  const input = { order_id: event.data.id }
  try {
    await recordCheckoutConsentsWorkflow(container).run({ input })
  } catch (error) {
    // a duplicated order.placed running at the same moment wrote the rows first (their ids are per
    // order and purpose, so the second write was refused): a second run finds them and records nothing
    await recordCheckoutConsentsWorkflow(container).run({ input })
  }
}

export default withLoggableErrors(orderPlacedCheckoutConsents)

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "engagement-order-placed-checkout-consents" },
}
