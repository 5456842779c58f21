import type { MedusaContainer } from "@medusajs/framework/types"
import { dispatchDeliveriesWorkflow } from "../workflows/outbox/workflows/dispatch-deliveries"
import { withLoggableErrors } from "../utils/database-errors"

// one run drains a backlog (after an outage) in batches, but always ends
const MAX_ROUNDS_PER_RUN = 20

/**
 * Sends every outbox row whose next attempt is due: retries after backoff, rows whose prompt
 * attempt never ran (a restart between enqueue and dispatch), and rows of a worker that died.
 */
async function sweepDueDeliveries(container: MedusaContainer) {
  const logger = container.resolve("logger")
  for (let round = 0; round < MAX_ROUNDS_PER_RUN; round++) {
    const { result } = await dispatchDeliveriesWorkflow(container).run({ input: {} })
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
