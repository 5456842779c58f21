import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { claimReferralFor } from "../utils/claim-referral"

export const claimReferralStepId = "claim-referral"

/**
 * Claims a referral code for the signed-in customer, accepted or refused with its reason (see
 * `claimReferralFor`). Undo deletes the row it recorded.
 */
export const claimReferralStep = createStep(
  claimReferralStepId,
  async (input: { code: string; customer_id: string }, { container }) => {
    const referral = await claimReferralFor(container, input)
    return new StepResponse(referral, referral.id)
  },
  async (referralId, { container }) => {
    if (!referralId) {
      return
    }
    await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).deleteLoyaltyReferrals(referralId)
  }
)
