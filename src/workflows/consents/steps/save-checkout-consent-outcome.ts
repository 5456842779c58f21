import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { CheckoutConsentOutcome } from "../utils/checkout-consents"

export const saveCheckoutConsentOutcomeStepId = "save-checkout-consent-outcome"

/**
 * Keeps what became of an order's checkout choices on the order's checkout row, for the order's
 * engagement data (one upsert: a repeated `order.placed` at the same moment ends on the same row).
 * Compensation restores the row's previous order and outcome, or removes a row it made.
 */
export const saveCheckoutConsentOutcomeStep = createStep(
  saveCheckoutConsentOutcomeStepId,
  async (input: { order_id: string; cart_id: string | null; outcome: CheckoutConsentOutcome }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const undo = await engagement.saveCheckoutOutcome({
      cart_id: input.cart_id,
      order_id: input.order_id,
      consents: { ...input.outcome },
    })
    return new StepResponse(input.outcome, undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).restoreCheckoutOutcome(undo)
  }
)
