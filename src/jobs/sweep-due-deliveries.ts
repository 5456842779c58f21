import type { MedusaContainer } from "@medusajs/framework/types"
import { setTimeout as sleep } from "node:timers/promises"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { dispatchDeliveriesWorkflow } from "../workflows/outbox/workflows/dispatch-deliveries"
import { withLoggableErrors } from "../utils/database-errors"

// a run keeps draining while rows are due, and ends before the next minute's tick
const MAX_RUN_MS = 55_000
// rows due but not taken (their platform paused by a 429): ask again this much later
const PAUSED_RECHECK_MS = 1000

/**
 * Sends every outbox row whose next attempt is due: retries after backoff, rows whose prompt
 * attempt never ran (a restart between enqueue and dispatch), and rows of a worker that died.
 * A backlog (after an outage) drains at the platforms' concurrency limits, not in rounds. A retry
 * that falls due before the next tick is sent when it falls due, not up to a minute later.
 */
async function sweepDueDeliveries(container: MedusaContainer) {
  const logger = container.resolve("logger")
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const started = Date.now()
  const left = () => MAX_RUN_MS - (Date.now() - started)
  while (left() > 0) {
    const { result } = await dispatchDeliveriesWorkflow(container).run({ input: { max_ms: left() } })
    if (result.claimed) {
      logger.info(
        `engagement outbox: ${result.claimed} attempted, ${result.delivered} delivered, ${result.retrying} to retry, ${result.failed} failed, ${result.dead} dead`
      )
      continue
    }
    // nothing could be taken now: wait for the next row that falls due within this run, if any
    const next = await engagement.nextDeliveryDueAt()
    const wait = next ? next.getTime() - Date.now() : Infinity
    if (wait >= left()) {
      return
    }
    await sleep(Math.max(wait, PAUSED_RECHECK_MS))
  }
}

// not counted as work in flight: a test does not wait for a minute tick (utils/work-in-flight.ts)
export default withLoggableErrors(sweepDueDeliveries, { counted: false })

export const config = {
  name: "engagement-sweep-due-deliveries",
  schedule: "* * * * *",
}
