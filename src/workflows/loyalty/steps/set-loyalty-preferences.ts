import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const setLoyaltyPreferencesStepId = "set-loyalty-preferences"

export interface LoyaltyPreferencesInput {
  customer_id: string
  auto_spend: { enabled: boolean; minimum_points: number }
}

type Undo = { created_id: string } | { id: string; auto_spend_enabled: boolean; auto_spend_minimum_points: number }

/**
 * Saves a shopper's loyalty preferences (made on first save). Compensation deletes the row it
 * made, or puts back the two values it changed.
 */
export const setLoyaltyPreferencesStep = createStep(
  setLoyaltyPreferencesStepId,
  async (input: LoyaltyPreferencesInput, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const values = { auto_spend_enabled: input.auto_spend.enabled, auto_spend_minimum_points: input.auto_spend.minimum_points }
    const [existing] = await loyalty.listLoyaltyPreferences({ customer_id: input.customer_id })
    if (!existing) {
      const created = await loyalty.createLoyaltyPreferences({ customer_id: input.customer_id, ...values })
      return new StepResponse(created, { created_id: created.id } as Undo)
    }
    const previous = { id: existing.id, auto_spend_enabled: existing.auto_spend_enabled, auto_spend_minimum_points: existing.auto_spend_minimum_points }
    const updated = await loyalty.updateLoyaltyPreferences({ id: existing.id, ...values })
    return new StepResponse(updated, previous as Undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    if ("created_id" in undo) {
      await loyalty.deleteLoyaltyPreferences(undo.created_id)
    } else {
      await loyalty.updateLoyaltyPreferences(undo)
    }
  }
)
