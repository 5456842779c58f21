import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../modules/engagement/types"
import type { CheckoutConsentOutcome } from "../utils/checkout-consents"

export const saveCheckoutConsentOutcomeStepId = "save-checkout-consent-outcome"

/**
 * Keeps what became of an order's checkout choices on the order's checkout row, for the order's
 * engagement data. Compensation restores the row's previous order and outcome, or removes a row it made.
 */
export const saveCheckoutConsentOutcomeStep = createStep(
  saveCheckoutConsentOutcomeStepId,
  async (input: { order_id: string; cart_id: string | null; outcome: CheckoutConsentOutcome }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const [existing] = await engagement.listCheckouts(
      input.cart_id ? { cart_id: input.cart_id } : { order_id: input.order_id },
      { select: ["id", "order_id", "consents"] }
    )
    const consents = input.outcome as unknown as Record<string, unknown>
    if (existing) {
      await engagement.updateCheckouts({ id: existing.id, order_id: input.order_id, consents })
      return new StepResponse(input.outcome, { id: existing.id, created: false, order_id: existing.order_id, consents: existing.consents })
    }
    const created = await engagement.createCheckouts({ cart_id: input.cart_id, order_id: input.order_id, consents })
    return new StepResponse(input.outcome, { id: created.id, created: true, order_id: null, consents: null })
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    if (previous.created) {
      await engagement.deleteCheckouts(previous.id)
      return
    }
    await engagement.updateCheckouts({ id: previous.id, order_id: previous.order_id, consents: previous.consents })
  }
)
