import { reverseRefundPointsWorkflow } from "../../loyalty/workflows/reverse-refund-points"
import { REFUND_CREATED_SOURCE } from "../sources"
import type { ReconciliationCheck } from "../types"
import { pointsReversalCheck } from "./engagement"

/**
 * A refund takes back the points earned on the money it gave back, once per refund
 * (src/subscribers/payment-refund-loyalty-points.ts; the reversal's rows are keyed
 * `refund:<refund>:<line>`).
 */
const refundedPoints = pointsReversalCheck(
  "loyalty_refund_reversal",
  REFUND_CREATED_SOURCE,
  async (container, item) => {
    const { result } = await reverseRefundPointsWorkflow(container).run({ input: { refund_id: item.id } })
    return result
  }
)

/** What the payment.refunded subscriber does. */
export const REFUND_CHECKS: ReconciliationCheck[] = [refundedPoints]
