import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyPreferencesInput, setLoyaltyPreferencesStep } from "../steps/set-loyalty-preferences"

export const setLoyaltyPreferencesWorkflowId = "set-loyalty-preferences"

/** A shopper turns automatic spend on or off, with the points they want to keep collecting before it spends. */
export const setLoyaltyPreferencesWorkflow = createWorkflow(
  setLoyaltyPreferencesWorkflowId,
  (input: LoyaltyPreferencesInput) => {
    return new WorkflowResponse(setLoyaltyPreferencesStep(input))
  }
)
