import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules, PaymentEvents } from "@medusajs/framework/utils"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { LOYALTY_MODULE } from "../modules/loyalty/types"
import { reverseRefundPointsWorkflow } from "../workflows/loyalty/workflows/reverse-refund-points"
import { withLoggableErrors } from "../utils/database-errors"

/**
 * A refunded payment takes back the points its order earned on the money given back. The event
 * names the payment, not the refund: each of its refunds is passed to the reversal, which is keyed
 * by refund and computed from the order's totals, so refunds reversed before change nothing.
 */
async function paymentRefundLoyaltyPoints({ event, container }: SubscriberArgs<{ id?: string }>) {
  // a platform keeps the points (`loyalty.source`): the local ledger stays untouched
  if (container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).options.source !== "local" || !event.data.id) {
    return
  }
  const refunds = await container
    .resolve(Modules.PAYMENT)
    .listRefunds({ payment_id: event.data.id }, { select: ["id"], order: { created_at: "ASC" } })
  for (const refund of refunds) {
    await reverseRefundPointsWorkflow(container).run({ input: { refund_id: refund.id } })
  }
}

export default withLoggableErrors(paymentRefundLoyaltyPoints)

export const config: SubscriberConfig = {
  event: PaymentEvents.REFUNDED,
  context: { subscriberId: "engagement-payment-refund-loyalty-points" },
}
