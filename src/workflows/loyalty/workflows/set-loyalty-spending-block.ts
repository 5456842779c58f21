import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setLoyaltySpendingBlockStep } from "../steps/set-loyalty-spending-block"
import { validateLoyaltyCustomerStep } from "../steps/validate-loyalty-customer"

export const setLoyaltySpendingBlockWorkflowId = "set-loyalty-spending-block"

/** An admin blocks or unblocks a customer's spending, with a reason (a debt keeps its own block). */
export const setLoyaltySpendingBlockWorkflow = createWorkflow(
  setLoyaltySpendingBlockWorkflowId,
  (input: { customer_id: string; blocked: boolean; reason: string }) => {
    validateLoyaltyCustomerStep(input)
    return new WorkflowResponse(setLoyaltySpendingBlockStep(input))
  }
)
