import { reverseRefundPointsWorkflow } from "../../loyalty/workflows/reverse-refund-points"
import { REFUND_CREATED_SOURCE } from "../sources"
import type { ReconciliationCheck } from "../types"
import { appliedAny, localLoyaltyOn, ordersWithEarnings } from "./engagement"

/**
 * A refund takes back the points earned on the money it gave back, once per refund
 * (src/subscribers/payment-refund-loyalty-points.ts; the reversal's rows are keyed
 * `refund:<refund>:<line>`). The check runs the reversal for every refund of an order that earned:
 * it finds nothing left to take back when the subscriber (or a return or cancel) did it, and
 * counts as a repair only when it applied an entry.
 */
const refundedPoints: ReconciliationCheck = {
  kind: "loyalty_refund_reversal",
  source: REFUND_CREATED_SOURCE,
  applies: localLoyaltyOn,
  async findMissing(container, items) {
    const earned = await ordersWithEarnings(
      container,
      items.map((item) => item.order_id)
    )
    return items.filter((item) => earned.has(item.order_id))
  },
  async repair(container, item) {
    const { result } = await reverseRefundPointsWorkflow(container).run({ input: { refund_id: item.id } })
    return appliedAny(result)
  },
}

/** What the payment.refunded subscriber does. */
export const REFUND_CHECKS: ReconciliationCheck[] = [refundedPoints]
