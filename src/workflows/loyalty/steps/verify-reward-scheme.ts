import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const verifyRewardSchemeStepId = "verify-reward-scheme"

/**
 * Checks a closed-loop scheme's code and joins on the right one. Every try is counted and kept,
 * right or wrong (the bound on tries must survive a failure), so there is no undo of the try;
 * undo ends the membership it made.
 */
export const verifyRewardSchemeStep = createStep(
  verifyRewardSchemeStepId,
  async (input: { customer_id: string; scheme_id: string; code: string }, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    if (!(await loyalty.rewardScheme(input.scheme_id))) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Reward scheme ${input.scheme_id} was not found`)
    }
    const verified = await loyalty.verifySchemeCode(input)
    return new StepResponse(verified, verified.membership_id)
  },
  async (membershipId, { container }) => {
    if (membershipId) {
      await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).deleteLoyaltySchemeMemberships(membershipId)
    }
  }
)
