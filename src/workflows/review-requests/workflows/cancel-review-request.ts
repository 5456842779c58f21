import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateReviewRequestsStep } from "../steps/update-review-requests"

export const cancelReviewRequestWorkflowId = "cancel-review-request"

/** Runs on `order.canceled`: a request not yet sent is canceled; a canceled order is never asked. */
export const cancelReviewRequestWorkflow = createWorkflow(
  cancelReviewRequestWorkflowId,
  (input: { order_id: string }) => {
    const stepInput = transform({ input }, ({ input }) => ({
      selector: { order_id: input.order_id, status: "scheduled" as const },
      update: { status: "canceled" as const, reason: "order canceled before the review request was sent" },
    }))
    return new WorkflowResponse(updateReviewRequestsStep(stepInput))
  }
)
