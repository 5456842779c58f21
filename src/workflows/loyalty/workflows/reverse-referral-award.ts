import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { reverseReferralAwardStep } from "../steps/reverse-referral-award"
import { emitLoyaltyEvents } from "../utils/emit-loyalty-events"

export const reverseReferralAwardWorkflowId = "reverse-referral-award"

/** The referee's first order is canceled: what the referral awarded for it is taken back from both sides. */
export const reverseReferralAwardWorkflow = createWorkflow(
  reverseReferralAwardWorkflowId,
  (input: { order_id: string }) => {
    const posted = reverseReferralAwardStep(input)
    emitLoyaltyEvents(posted)
    return new WorkflowResponse(posted)
  }
)
