import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const setLoyaltyPreferencesStepId = "set-loyalty-preferences"

export interface LoyaltyPreferencesInput {
  customer_id: string
  auto_spend: { enabled: boolean; minimum_points: number }
}

/**
 * Saves a shopper's loyalty preferences (made on first save; concurrent saves end in one row).
 * Compensation deletes the row it made, or puts back the two values it changed.
 */
export const setLoyaltyPreferencesStep = createStep(
  setLoyaltyPreferencesStepId,
  async (input: LoyaltyPreferencesInput, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const saved = await loyalty.saveLoyaltyPreferences(input.customer_id, {
      auto_spend_enabled: input.auto_spend.enabled,
      auto_spend_minimum_points: input.auto_spend.minimum_points,
    })
    return new StepResponse(saved, saved)
  },
  async (saved, { container }) => {
    if (!saved) {
      return
    }
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    if (saved.created) {
      await loyalty.deleteLoyaltyPreferences(saved.id)
    } else {
      await loyalty.updateLoyaltyPreferences({ id: saved.id, ...saved.previous })
    }
  }
)
