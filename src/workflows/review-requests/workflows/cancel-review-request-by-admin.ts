import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateReviewRequestsStep } from "../steps/update-review-requests"
import { validateReviewRequestScheduledStep } from "../steps/validate-review-request-scheduled"

export const cancelReviewRequestByAdminWorkflowId = "cancel-review-request-by-admin"

/** An admin cancels a scheduled review request: it is never sent. Refused once sent or ended. */
export const cancelReviewRequestByAdminWorkflow = createWorkflow(
  cancelReviewRequestByAdminWorkflowId,
  (input: { id: string; reason?: string }) => {
    const check = transform({ input }, ({ input }) => ({ id: input.id, action: "be canceled" }))
    validateReviewRequestScheduledStep(check)
    const update = transform({ input }, ({ input }) => ({
      selector: { id: input.id, status: "scheduled" as const },
      update: { status: "canceled" as const, reason: input.reason ?? "canceled by an admin" },
    }))
    return new WorkflowResponse(updateReviewRequestsStep(update))
  }
)
