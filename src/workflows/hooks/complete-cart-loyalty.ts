import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../modules/loyalty/types"
import { LOYALTY_CREDIT_REFERENCE } from "../loyalty/steps/prepare-cart-redemption"

/**
 * A cart whose points credit line is no longer backed by points held for it (released by the
 * job, or the numbers disagree) cannot be completed: the shopper applies the points again.
 * The order's `redeem` row is written when `order.placed` arrives (see order-loyalty-points).
 */
completeCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  const lines = (
    (cart.credit_lines ?? []) as { reference?: string | null; metadata?: Record<string, unknown> | null }[]
  ).filter((line) => line.reference === LOYALTY_CREDIT_REFERENCE)
  if (!lines.length) {
    return
  }
  const reservation = await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).retrieveCartReservation(cart.id)
  const applied = lines.reduce((sum, line) => sum + Number(line.metadata?.points ?? 0), 0)
  if (reservation?.status !== "held" || reservation.points !== applied) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "loyalty points: the points on this cart are no longer held for it; apply them again"
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
