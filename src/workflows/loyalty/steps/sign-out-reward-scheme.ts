import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const signOutRewardSchemeStepId = "sign-out-reward-scheme"

/** Ends the shopper's membership of a scheme (no-op when not a member); undo brings it back. */
export const signOutRewardSchemeStep = createStep(
  signOutRewardSchemeStepId,
  async (input: { customer_id: string; scheme_id: string }, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    if (!(await loyalty.rewardScheme(input.scheme_id))) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Reward scheme ${input.scheme_id} was not found`)
    }
    const ended = await loyalty.leaveRewardScheme(input.customer_id, input.scheme_id)
    return new StepResponse({ left: ended !== null }, ended)
  },
  async (ended, { container }) => {
    if (ended) {
      await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).restoreRewardSchemeMembership(ended)
    }
  }
)
