import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const createReferralCodesStepId = "create-referral-codes"

/** Gives each customer without a referral code one. Undo deletes the codes it made, and only those. */
export const createReferralCodesStep = createStep(
  createReferralCodesStepId,
  async (input: { customer_ids: string[] }, { container }) => {
    const created = await container
      .resolve<LoyaltyModuleService>(LOYALTY_MODULE)
      .createReferralCodes(input.customer_ids)
    return new StepResponse(created, created)
  },
  async (created, { container }) => {
    if (!created?.length) {
      return
    }
    await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).deleteLoyaltyReferralCodes(created)
  }
)
