import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateReviewRequestsStep } from "../steps/update-review-requests"
import { validateReviewRequestScheduledStep } from "../steps/validate-review-request-scheduled"
import { sendReviewRequestWorkflow } from "./send-review-request"

export const sendReviewRequestNowWorkflowId = "send-review-request-now"

// long enough for the send below; the send clears it
const CLAIM_MS = 5 * 60_000

/**
 * An admin sends a scheduled review request now instead of at its send time. The request is
 * claimed first, so the due-requests job does not send it at the same moment; the send then
 * decides as it would at the send time (consent withdrawn or order canceled still stop it).
 */
export const sendReviewRequestNowWorkflow = createWorkflow(sendReviewRequestNowWorkflowId, (input: { id: string }) => {
  const check = transform({ input }, ({ input }) => ({ id: input.id, action: "be sent now" }))
  validateReviewRequestScheduledStep(check)
  const claim = transform({ input }, ({ input }) => ({
    selector: { id: input.id, status: "scheduled" as const },
    update: { send_at: new Date(), locked_until: new Date(Date.now() + CLAIM_MS) },
  }))
  updateReviewRequestsStep(claim).config({ name: "claim-review-request-now" })
  const sendInput = transform({ input }, ({ input }) => ({ review_request_id: input.id }))
  const decision = sendReviewRequestWorkflow.runAsStep({ input: sendInput })
  return new WorkflowResponse(decision)
})
