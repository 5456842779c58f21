import { refreshOrderStatisticsWorkflow } from "../../contacts/workflows/refresh-order-statistics"
import { reverseOrderPointsWorkflow } from "../../loyalty/workflows/reverse-order-points"
import { RETURN_RECEIVED_SOURCE } from "../sources"
import type { ReconciliationCheck } from "../types"
import { appliedAny, localLoyaltyOn, ordersWithEarnings } from "./engagement"

/**
 * The returned units' points are taken back, once per return (src/subscribers/order-loyalty-points.ts;
 * the reversal's rows are keyed `return:<return>:<line>`). The check runs the reversal for every
 * return of an order that earned: it finds nothing to take back when the subscriber did it, and
 * counts as a repair only when it applied an entry. The statistics are refreshed with it.
 */
const returnedPoints: ReconciliationCheck = {
  kind: "loyalty_return_reversal",
  source: RETURN_RECEIVED_SOURCE,
  applies: localLoyaltyOn,
  async findMissing(container, items) {
    const earned = await ordersWithEarnings(
      container,
      items.map((item) => item.order_id)
    )
    return items.filter((item) => earned.has(item.order_id))
  },
  async repair(container, item) {
    const { result } = await reverseOrderPointsWorkflow(container).run({
      input: { order_id: item.order_id, cause: "return", return_id: item.id },
    })
    if (!appliedAny(result)) {
      return false
    }
    await refreshOrderStatisticsWorkflow(container).run({ input: { order_ids: [item.order_id] } })
    return true
  },
}

/** What the order.return_received subscribers do. */
export const RETURN_RECEIVED_CHECKS: ReconciliationCheck[] = [returnedPoints]
