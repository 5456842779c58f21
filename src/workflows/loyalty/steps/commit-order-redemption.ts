import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { loyaltyCartsOf, OrderCreditLine, orderLoyaltyCarts } from "../utils/order-redemption"
import type { SharedOrderReadInput } from "../../../utils/shared-order-read"

export const commitOrderRedemptionStepId = "commit-order-redemption"

/**
 * Turns the points an order's cart held into the order's one `redeem` row (the order carries the
 * cart's credit line, whose reference names the cart), when the checkout did not already (see
 * hooks/complete-cart-redemption; a cart held from a release or an order made outside
 * `completeCartWorkflow`). Keyed by the cart: redeemed once however often it runs. The workflow's
 * last write, so it needs no undo. `credit_lines`, when given, are the order's, already read.
 */
export const commitOrderRedemptionStep = createStep(
  commitOrderRedemptionStepId,
  async (
    input: { order_id: string; credit_lines?: OrderCreditLine[] | null } & SharedOrderReadInput,
    { container }
  ) => {
    const cartIds =
      input.credit_lines !== undefined
        ? loyaltyCartsOf(input.credit_lines)
        : await orderLoyaltyCarts(container, input.order_id, input.shared_read)
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    let committed = 0
    const customerIds = new Set<string>()
    for (const cartId of cartIds) {
      // usually redeemed by the checkout itself: one read instead of a transaction
      if ((await loyalty.retrieveCartReservation(cartId))?.status === "committed") {
        continue
      }
      const reservation = await loyalty.commitLoyaltyReservation(cartId, input.order_id)
      if (reservation) {
        committed += reservation.points
        customerIds.add(reservation.customer_id)
      }
    }
    return new StepResponse({ points: committed, customer_ids: [...customerIds] })
  }
)
