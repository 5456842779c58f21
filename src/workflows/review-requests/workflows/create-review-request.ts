import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createReviewRequestStep } from "../steps/create-review-request"
import { planReviewRequestStep } from "../steps/plan-review-request"
import { REVIEW_ORDER_FIELDS, ReviewOrder } from "../utils/order-fields"

export const createReviewRequestWorkflowId = "create-review-request"

/**
 * Runs on `order.placed`: stores the order's review request, scheduled for the configured
 * delay after the trigger, or skipped with the reason (no consent, nothing Recensus can
 * identify). Once per order, however often the event arrives.
 */
export const createReviewRequestWorkflow = createWorkflow(createReviewRequestWorkflowId, (input: { order_id: string }) => {
  const { data: orders } = useQueryGraphStep({
    entity: "order",
    fields: REVIEW_ORDER_FIELDS,
    filters: { id: input.order_id },
    options: { throwIfKeyNotFound: true },
  })
  const order = transform({ orders }, ({ orders }) => orders[0] as ReviewOrder)
  const plan = planReviewRequestStep({ order })
  return new WorkflowResponse(createReviewRequestStep(plan))
})
