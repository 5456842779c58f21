import type { MedusaContainer } from "@medusajs/framework/types"
import { dispatchDeliveriesWorkflow } from "../workflows/outbox/workflows/dispatch-deliveries"
import { withLoggableErrors } from "../utils/database-errors"

// a run keeps draining while rows are due, and ends before the next minute's tick
const MAX_RUN_MS = 55_000

/**
 * Sends every outbox row whose next attempt is due: retries after backoff, rows whose prompt
 * attempt never ran (a restart between enqueue and dispatch), and rows of a worker that died.
 * A backlog (after an outage) drains at the platforms' concurrency limits, not in rounds.
 */
async function sweepDueDeliveries(container: MedusaContainer) {
  const logger = container.resolve("logger")
  const started = Date.now()
  while (Date.now() - started < MAX_RUN_MS) {
    const { result } = await dispatchDeliveriesWorkflow(container).run({
      input: { max_ms: MAX_RUN_MS - (Date.now() - started) },
    })
    if (!result.claimed) {
      return
    }
    logger.info(
      `engagement outbox: ${result.claimed} attempted, ${result.delivered} delivered, ${result.retrying} to retry, ${result.failed} failed, ${result.dead} dead`
    )
  }
}

export default withLoggableErrors(sweepDueDeliveries)

export const config = {
  name: "engagement-sweep-due-deliveries",
  schedule: "* * * * *",
}
