import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { reverseReferralAwardWorkflow } from "../workflows/loyalty/workflows/reverse-referral-award"
import { reverseOrderPointsWorkflow } from "../workflows/loyalty/workflows/reverse-order-points"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { LOYALTY_MODULE } from "../modules/loyalty/types"
import { withLoggableErrors } from "../utils/database-errors"

/**
 * Loyalty points follow the order: taken back (and redeemed points given back) when it is canceled,
 * taken back per returned unit when a return is received (they are awarded with the rest of the
 * order's work when it is placed: order-placed.ts). Every reversal is keyed, so an event delivered
 * twice changes nothing the second time.
 */
async function orderLoyaltyPoints({
  event,
  container,
}: SubscriberArgs<{ id?: string; order_id?: string; return_id?: string }>) {
  // a platform keeps the points (`loyalty.source`): it awards them itself, the local ledger stays untouched
  if (container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).options.source !== "local") {
    return
  }
  if (event.name === OrderWorkflowEvents.CANCELED && event.data.id) {
    await reverseOrderPointsWorkflow(container).run({ input: { order_id: event.data.id, cause: "cancel" } })
    await reverseReferralAwardWorkflow(container).run({ input: { order_id: event.data.id } })
  } else if (event.name === OrderWorkflowEvents.RETURN_RECEIVED && event.data.order_id) {
    await reverseOrderPointsWorkflow(container).run({
      input: { order_id: event.data.order_id, cause: "return", return_id: event.data.return_id },
    })
  }
}

export default withLoggableErrors(orderLoyaltyPoints)

export const config: SubscriberConfig = {
  event: [OrderWorkflowEvents.CANCELED, OrderWorkflowEvents.RETURN_RECEIVED],
  context: { subscriberId: "engagement-order-loyalty-points" },
}
