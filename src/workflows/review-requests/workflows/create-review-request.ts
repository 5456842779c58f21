import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createReviewRequestStep } from "../steps/create-review-request"
import { planReviewRequestStep } from "../steps/plan-review-request"
import type { SharedOrderReadInput } from "../../../utils/shared-order-read"

export const createReviewRequestWorkflowId = "create-review-request"

/**
 * Runs on `order.placed`: stores the order's review request, scheduled for the configured
 * delay after the trigger, or skipped with the reason (no consent, nothing the review platform can
 * identify). Once per order, however often the event arrives.
 */
export const createReviewRequestWorkflow = createWorkflow(
  createReviewRequestWorkflowId,
  (input: { order_id: string } & SharedOrderReadInput) => {
    const plan = planReviewRequestStep(input)
    return new WorkflowResponse(createReviewRequestStep(plan))
  }
)
