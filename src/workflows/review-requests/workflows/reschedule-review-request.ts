import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateReviewRequestsStep } from "../steps/update-review-requests"
import { validateReviewRequestScheduledStep } from "../steps/validate-review-request-scheduled"

export const rescheduleReviewRequestWorkflowId = "reschedule-review-request"

/** An admin moves a scheduled review request's send time. Refused once sent or ended. */
export const rescheduleReviewRequestWorkflow = createWorkflow(
  rescheduleReviewRequestWorkflowId,
  (input: { id: string; send_at: string }) => {
    const check = transform({ input }, ({ input }) => ({ id: input.id, action: "change its send date" }))
    validateReviewRequestScheduledStep(check)
    const update = transform({ input }, ({ input }) => ({
      selector: { id: input.id, status: "scheduled" as const },
      update: { send_at: new Date(input.send_at) },
    }))
    return new WorkflowResponse(updateReviewRequestsStep(update))
  }
)
