import type { MedusaContainer } from "@medusajs/framework/types"
import { durationMs } from "../provider-api/duration"
import { withLoggableErrors } from "../utils/database-errors"
import { reconcileOrders } from "../workflows/reconciliation/reconcile-orders"

/**
 * Repairs the engagement work of orders whose events were lost (README "Delivery guarantees"):
 * every few minutes, a bounded run that resumes at each source's cursor.
 */
async function reconcileOrdersJob(container: MedusaContainer) {
  const { checked, repaired, failed } = await reconcileOrders(container)
  if (repaired.length || failed.length) {
    const orders = new Set(repaired.map((repair) => repair.order_id)).size
    container
      .resolve("logger")
      .info(
        `engagement reconciliation: ${checked} checked, ${repaired.length} repairs on ${orders} orders, ${failed.length} failed`
      )
  }
}

// not counted as work in flight: a test does not wait for a minute tick (utils/work-in-flight.ts)
export default withLoggableErrors(reconcileOrdersJob, { counted: false })

export const config = {
  name: "engagement-reconcile-orders",
  // every 5 minutes; ENGAGEMENT_RECONCILIATION_INTERVAL (e.g. 2m) sets another interval
  schedule: { interval: durationMs(process.env.ENGAGEMENT_RECONCILIATION_INTERVAL) || 5 * 60_000 },
}
