import { createWorkflow, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { planCheckoutConsentsStep } from "../steps/plan-checkout-consents"
import { recordConsentsWorkflow } from "./record-consents"

export const recordCheckoutConsentsWorkflowId = "record-checkout-consents"

/**
 * Runs on `order.placed`: records the consent choices the shopper made at checkout (the cart's
 * `engagement_consents` metadata) in the ledger with source `checkout`, once per order and purpose.
 * `AwaitingConfirmation` sends the double opt-in email, as from the storefront.
 */
export const recordCheckoutConsentsWorkflow = createWorkflow(recordCheckoutConsentsWorkflowId, (input: { order_id: string }) => {
  const consents = planCheckoutConsentsStep(input)
  when({ consents }, ({ consents }) => consents.length > 0).then(() => {
    recordConsentsWorkflow.runAsStep({ input: { consents } })
  })
  // what this run recorded: nothing when the order's choices are in the ledger already
  return new WorkflowResponse(consents)
})
