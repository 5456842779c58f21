import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ReviewRequestTrigger } from "../../../modules/engagement/types"
import { updateReviewRequestsStep } from "../steps/update-review-requests"

export const startReviewRequestClockWorkflowId = "start-review-request-clock"

/**
 * When the owner counts the delay from fulfilment, shipment or delivery: the first such event
 * of the order sets the send time of its waiting review request. Later events change nothing.
 */
export const startReviewRequestClockWorkflow = createWorkflow(
  startReviewRequestClockWorkflowId,
  (input: { order_id: string; trigger: ReviewRequestTrigger; delay_ms: number }) => {
    const stepInput = transform({ input }, ({ input }) => ({
      selector: { order_id: input.order_id, status: "scheduled" as const, trigger: input.trigger },
      only_unstarted: true,
      update: { send_at: new Date(Date.now() + input.delay_ms) },
    }))
    return new WorkflowResponse(updateReviewRequestsStep(stepInput))
  }
)
