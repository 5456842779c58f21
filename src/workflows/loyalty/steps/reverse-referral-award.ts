import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const reverseReferralAwardStepId = "reverse-referral-award"

/**
 * A canceled first order takes back both sides' referral points (pending or already spendable;
 * spent ones follow the debt policy), once: the reversal rows are keyed by the award rows.
 * No undo: keyed, so a rerun finishes the work.
 */
export const reverseReferralAwardStep = createStep(
  reverseReferralAwardStepId,
  async (input: { order_id: string }, { container }) => {
    const reversed = await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).reverseReferralAward(input.order_id)
    return new StepResponse(
      reversed ? { results: reversed.results, tier_changes: reversed.tier_changes } : { results: [], tier_changes: [] }
    )
  }
)
