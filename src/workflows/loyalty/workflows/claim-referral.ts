import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { claimReferralStep } from "../steps/claim-referral"

export const claimReferralWorkflowId = "claim-referral"

/** A new customer claims an advocate's code: accepted, or refused with the reason recorded. */
export const claimReferralWorkflow = createWorkflow(
  claimReferralWorkflowId,
  (input: { code: string; customer_id: string }) => {
    return new WorkflowResponse(claimReferralStep(input))
  }
)
