import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { verifyRewardSchemeStep } from "../steps/verify-reward-scheme"
import { emitLoyaltyEvents } from "../utils/emit-loyalty-events"

export const verifyRewardSchemeWorkflowId = "verify-reward-scheme"

/** Completes a closed-loop sign-up with the code sent by email (expiring, single use, bounded tries). */
export const verifyRewardSchemeWorkflow = createWorkflow(
  verifyRewardSchemeWorkflowId,
  (input: { customer_id: string; scheme_id: string; code: string }) => {
    const verified = verifyRewardSchemeStep(input)
    emitLoyaltyEvents(verified)
    return new WorkflowResponse(verified)
  }
)
