import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitLoyaltyEvents } from "../utils/emit-loyalty-events"
import { buildOrderReversalStep } from "../steps/build-order-reversal"
import { reverseOrderPointsStep } from "../steps/reverse-order-points"

export const reverseOrderPointsWorkflowId = "reverse-order-points"

/** Takes back what a canceled order, or the returned units of an order, earned; restores a canceled order's redeemed points. */
export const reverseOrderPointsWorkflow = createWorkflow(
  reverseOrderPointsWorkflowId,
  (input: { order_id: string; cause: "cancel" | "return"; return_id?: string }) => {
    const reversal = buildOrderReversalStep(input)
    const posted = reverseOrderPointsStep(reversal)
    emitLoyaltyEvents(posted)
    return new WorkflowResponse(posted)
  }
)
