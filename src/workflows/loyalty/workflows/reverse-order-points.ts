import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LOYALTY_EVENTS } from "../../../modules/loyalty/types"
import { buildOrderReversalStep } from "../steps/build-order-reversal"
import { reverseOrderPointsStep } from "../steps/reverse-order-points"

export const reverseOrderPointsWorkflowId = "reverse-order-points"

/** Takes back what a canceled order, or the returned units of an order, earned; restores a canceled order's redeemed points. */
export const reverseOrderPointsWorkflow = createWorkflow(
  reverseOrderPointsWorkflowId,
  (input: { order_id: string; cause: "cancel" | "return"; return_id?: string }) => {
    const reversal = buildOrderReversalStep(input)
    const posted = reverseOrderPointsStep(reversal)
    const events = transform({ posted }, ({ posted }) => posted.tier_changes)
    emitEventStep({ eventName: LOYALTY_EVENTS.TIER_CHANGED, data: events })
    return new WorkflowResponse(posted)
  }
)
