import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createReferralCodesStep } from "../steps/create-referral-codes"

export const createReferralCodesWorkflowId = "create-referral-codes"

/** Referral codes for new customers (on `customer.created`) and for earlier ones (the backfill); returns the ids made. */
export const createReferralCodesWorkflow = createWorkflow(
  createReferralCodesWorkflowId,
  (input: { customer_ids: string[] }) => {
    return new WorkflowResponse(createReferralCodesStep(input))
  }
)
