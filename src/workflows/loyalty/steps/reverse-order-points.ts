import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import type { OrderReversal } from "../../../modules/loyalty/ledger/reversal"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const reverseOrderPointsStepId = "reverse-order-points"

/**
 * Takes back an order's earned points (whole or per returned unit, at the earn-time points) and
 * restores its redeemed points, once per cause. This is the workflow's last write: nothing after
 * it can fail and ask for an undo.
 */
export const reverseOrderPointsStep = createStep(
  reverseOrderPointsStepId,
  async (input: OrderReversal | null, { container }) => {
    if (!input) {
      return new StepResponse({ results: [], tier_changes: [] })
    }
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    return new StepResponse(await loyalty.reverseLoyaltyOrder(input))
  }
)
