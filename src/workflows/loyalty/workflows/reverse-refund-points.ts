import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitLoyaltyEvents } from "../utils/emit-loyalty-events"
import { buildOrderReversalStep } from "../steps/build-order-reversal"
import { findRefundOrderStep } from "../steps/find-refund-order"
import { reverseOrderPointsStep } from "../steps/reverse-order-points"

export const reverseRefundPointsWorkflowId = "reverse-refund-points"

/**
 * Takes back the points a refund's money earned: the order's earned points × refunded ÷ paid in
 * all, at the points its earn rows credited (not today's rate), less what its refunds, returns or
 * cancel took back before. Keyed by the refund (`refund:<refund_id>:<line>`) and computed from the
 * order's totals under the account's lock, so running it again for the same refund — an event
 * delivered twice, a reconciliation job — or after a cancel or a return never takes the same
 * points twice. The points that paid for part of the order stay spent: a refund gives back money.
 */
export const reverseRefundPointsWorkflow = createWorkflow(
  reverseRefundPointsWorkflowId,
  (input: { refund_id: string }) => {
    const found = findRefundOrderStep(input)
    const cause = transform({ found, input }, ({ found, input }) => ({
      order_id: found.order_id,
      cause: "refund" as const,
      refund_id: input.refund_id,
    }))
    const reversal = buildOrderReversalStep(cause)
    const posted = reverseOrderPointsStep(reversal)
    emitLoyaltyEvents(posted)
    return new WorkflowResponse(posted)
  }
)
