import { refreshOrderStatisticsWorkflow } from "../../contacts/workflows/refresh-order-statistics"
import { reverseOrderPointsWorkflow } from "../../loyalty/workflows/reverse-order-points"
import { RETURN_RECEIVED_SOURCE } from "../sources"
import type { ReconciliationCheck } from "../types"
import { pointsReversalCheck } from "./engagement"

/**
 * The returned units' points are taken back, once per return (src/subscribers/order-loyalty-points.ts;
 * the reversal's rows are keyed `return:<return>:<line>`); the statistics are refreshed with it.
 */
const returnedPoints = pointsReversalCheck(
  "loyalty_return_reversal",
  RETURN_RECEIVED_SOURCE,
  async (container, item) => {
    const { result } = await reverseOrderPointsWorkflow(container).run({
      input: { order_id: item.order_id, cause: "return", return_id: item.id },
    })
    return result
  },
  async (container, item) => {
    await refreshOrderStatisticsWorkflow(container).run({ input: { order_ids: [item.order_id] } })
  }
)

/** What the order.return_received subscribers do. */
export const RETURN_RECEIVED_CHECKS: ReconciliationCheck[] = [returnedPoints]
