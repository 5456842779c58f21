import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { claimReviewRequestNowStep } from "../steps/claim-review-request-now"
import { validateReviewRequestScheduledStep } from "../steps/validate-review-request-scheduled"
import { sendReviewRequestWorkflow } from "./send-review-request"

export const sendReviewRequestNowWorkflowId = "send-review-request-now"

/**
 * An admin sends a scheduled review request now instead of at its send time. The request is
 * claimed first (for the outbox's lease), so the due-requests job does not send it at the same
 * moment and no other process sends to its shopper meanwhile; the send then decides as it would
 * at the send time (consent withdrawn, order canceled, the exclusions and the cap still apply).
 */
export const sendReviewRequestNowWorkflow = createWorkflow(sendReviewRequestNowWorkflowId, (input: { id: string }) => {
  const check = transform({ input }, ({ input }) => ({ id: input.id, action: "be sent now" }))
  validateReviewRequestScheduledStep(check)
  const claim = transform({ input }, ({ input }) => ({ id: input.id }))
  claimReviewRequestNowStep(claim)
  const sendInput = transform({ input }, ({ input }) => ({ review_request_id: input.id }))
  const decision = sendReviewRequestWorkflow.runAsStep({ input: sendInput })
  return new WorkflowResponse(decision)
})
