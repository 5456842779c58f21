import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { planCheckoutConsentsStep } from "../steps/plan-checkout-consents"
import { saveCheckoutConsentOutcomeStep } from "../steps/save-checkout-consent-outcome"
import type { CheckoutConsentOutcome } from "../utils/checkout-consents"
import { recordConsentsWorkflow } from "./record-consents"
import type { SharedOrderReadInput } from "../../../utils/shared-order-read"

export const recordCheckoutConsentsWorkflowId = "record-checkout-consents"

/**
 * Runs on `order.placed`: records the consent choices the shopper made at checkout (the cart's
 * `engagement_consents` metadata) with source `checkout`, once per order and purpose, for the
 * customer signed in at checkout or a guest's own record — never a registered account a guest
 * used the email of — and keeps what became of each choice for the order's engagement data.
 * `AwaitingConfirmation` sends the double opt-in email, as from the storefront.
 */
export const recordCheckoutConsentsWorkflow = createWorkflow(
  recordCheckoutConsentsWorkflowId,
  (input: { order_id: string } & SharedOrderReadInput) => {
    const plan = planCheckoutConsentsStep(input)
    // the outcome first: recording sends emails, which cannot be unsent if a later step failed
    when({ plan }, ({ plan }) => plan.outcome !== null).then(() => {
      const outcome = transform({ plan }, ({ plan }) => ({
        order_id: plan.order_id,
        cart_id: plan.cart_id,
        outcome: plan.outcome as CheckoutConsentOutcome,
      }))
      saveCheckoutConsentOutcomeStep(outcome)
    })
    when({ plan }, ({ plan }) => plan.consents.length > 0).then(() => {
      recordConsentsWorkflow.runAsStep({ input: { consents: plan.consents } })
    })
    return new WorkflowResponse(plan.outcome)
  }
)
