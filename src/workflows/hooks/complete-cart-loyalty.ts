import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../modules/loyalty/types"
import { LOYALTY_CREDIT_REFERENCE } from "../loyalty/steps/prepare-cart-redemption"
import { removeCartLoyaltyPointsWorkflow } from "../loyalty/workflows/remove-cart-loyalty-points"

/**
 * Decides at completion whether the points on a cart may be spent, so that a completed order's
 * credit line is always matched by its one `redeem` row (written by the completion's `orderCreated`
 * hook, complete-cart-redemption, or else when `order.placed` arrives, and never refused then). A cart whose points credit line is no longer
 * backed by points held for it (released by the job, or the numbers disagree) cannot be completed:
 * the shopper applies the points again. A cart whose shopper's spending was blocked since the
 * points were applied cannot be completed with them: the hold is given back and the credit line
 * removed here, and the shopper completes without points.
 */
completeCartWorkflow.hooks.validate(async ({ cart }, { container, idempotencyKey }) => {
  const lines = (
    (cart.credit_lines ?? []) as { reference?: string | null; metadata?: Record<string, unknown> | null }[]
  ).filter((line) => line.reference === LOYALTY_CREDIT_REFERENCE)
  if (!lines.length) {
    return
  }
  const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
  const reservation = await loyalty.retrieveCartReservation(cart.id)
  const applied = lines.reduce((sum, line) => sum + Number(line.metadata?.points ?? 0), 0)
  if (reservation?.status !== "held" || reservation.points !== applied) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "loyalty points: the points on this cart are no longer held for it; apply them again"
    )
  }
  const [account] = await loyalty.listLoyaltyAccounts(
    { customer_id: reservation.customer_id },
    { select: ["spending_blocked"] }
  )
  if (account?.spending_blocked) {
    // The points come off now, inside this completion (whose cart lock the removal, run as its
    // sub-workflow, does not wait for). The completion stops below, so no order is made from the
    // cart as it was read; the shopper sets up payment again for the new total.
    await removeCartLoyaltyPointsWorkflow(container).run({
      input: { cart_id: cart.id, customer_id: reservation.customer_id },
      context: { parentStepIdempotencyKey: idempotencyKey },
    })
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "loyalty spending is blocked for this account: the points were removed from the cart; set up payment again to complete it without them"
    )
  }
  // the cart shrank below the points' value after they were applied: applying again re-caps them
  if (MathBN.lt(cart.total ?? 0, 0)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "loyalty points: the points are worth more than the cart now; apply them again"
    )
  }
})
