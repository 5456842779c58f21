import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { ReconciliationRepairInput } from "../../modules/engagement/reconciliation/reconciliation-store"
import { subjectHashOf } from "../privacy/steps/prepare-erasure"
import { engagementOf } from "./checks/engagement"
import { ORDER_CANCELED_CHECKS } from "./checks/order-canceled"
import { ORDER_PLACED_CHECKS } from "./checks/order-placed"
import { REFUND_CHECKS } from "./checks/refunds"
import { RETURN_RECEIVED_CHECKS } from "./checks/return-received"
import { RECONCILIATION_SOURCES } from "./sources"
import type { ReconciliationCheck, ReconciliationItem, ReconciliationSource } from "./types"

/** Every check: one entry per kind of work a subscriber does for an order, a cancellation, a return, a refund. */
export const RECONCILIATION_CHECKS: ReconciliationCheck[] = [
  ...ORDER_PLACED_CHECKS,
  ...ORDER_CANCELED_CHECKS,
  ...RETURN_RECEIVED_CHECKS,
  ...REFUND_CHECKS,
]

// a run checks at most this many pages per source, then ends: the next run resumes at the cursor
export const MAX_PAGES_PER_RUN = 5

export interface ReconciliationSummary {
  checked: number
  repaired: ReconciliationRepairInput[]
  failed: { kind: string; id: string }[]
}

/**
 * Finds the orders (cancellations, returns) of the last `window_days` whose engagement work is
 * missing (a lost event, a subscriber that failed or died with its process) and runs the
 * subscribers' own workflows for them. Each source is read from its cursor up to `grace_ms` ago,
 * a page at a time; every repair is keyed, so a second run or a late subscriber changes nothing.
 * One item's failure is logged and holds up nothing else.
 */
export async function reconcileOrders(
  container: MedusaContainer,
  { now = new Date(), maxPages = MAX_PAGES_PER_RUN } = {}
): Promise<ReconciliationSummary> {
  const engagement = engagementOf(container)
  const options = engagement.getOptions().reconciliation
  const summary: ReconciliationSummary = { checked: 0, repaired: [], failed: [] }
  const windowStart = new Date(now.getTime() - options.window_days * 86_400_000)
  const until = new Date(now.getTime() - options.grace_ms)
  for (const source of RECONCILIATION_SOURCES) {
    const checks = RECONCILIATION_CHECKS.filter((check) => check.source === source.id && check.applies(container))
    if (!checks.length) {
      continue
    }
    try {
      for (let page = 0; page < maxPages; page++) {
        const range = { windowStart, until, take: options.batch_size }
        if (!(await reconcilePage(container, source, checks, range, summary))) {
          break
        }
      }
    } catch (error) {
      // a source that cannot be read holds up no other; its cursor stays where it was
      summary.failed.push({ kind: source.id, id: "" })
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .error(`engagement reconciliation: ${source.id} could not be checked: ${(error as Error).message}`)
    }
  }
  return summary
}

/** Checks one page of a source after its cursor and moves the cursor on; whether a full page was read. */
async function reconcilePage(
  container: MedusaContainer,
  source: ReconciliationSource,
  checks: ReconciliationCheck[],
  range: { windowStart: Date; until: Date; take: number },
  summary: ReconciliationSummary
): Promise<boolean> {
  const engagement = engagementOf(container)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const cursor = await engagement.readReconciliationCursor(source.id)
  const from = cursor && cursor > range.windowStart ? cursor : range.windowStart
  const listed = await source.list(container, { from, until: range.until, take: range.take })
  // the cursor is kept to the millisecond: a page ends on a whole millisecond, the next starts after it
  let items = listed.filter((item) => !cursor || item.at.getTime() > cursor.getTime())
  const full = listed.length === range.take
  if (full) {
    const lastMs = items[items.length - 1]?.at.getTime()
    const whole = items.filter((item) => item.at.getTime() < lastMs)
    items = whole.length ? whole : items
  }
  if (!items.length) {
    return false
  }
  summary.checked += items.length
  const pending = await withoutErasedShoppers(container, items)
  const repaired: ReconciliationRepairInput[] = []
  for (const check of checks) {
    for (const item of await check.findMissing(container, pending)) {
      try {
        if (await check.repair(container, item)) {
          repaired.push({ kind: check.kind, order_id: item.order_id, key: `${check.kind}:${item.id}` })
        }
      } catch (error) {
        summary.failed.push({ kind: check.kind, id: item.id })
        logger.error(`engagement reconciliation: ${check.kind} of ${item.id} failed: ${(error as Error).message}`)
      }
    }
  }
  await engagement.recordReconciliationRepairs(repaired)
  summary.repaired.push(...repaired)
  const last = items[items.length - 1]
  await engagement.advanceReconciliationCursor(source.id, last.at, last.id)
  return full
}

/** An erased shopper's orders are left alone: repairing them would write their data back. */
async function withoutErasedShoppers(container: MedusaContainer, items: ReconciliationItem[]) {
  const hashes = [...new Set(items.filter((item) => item.customer_id).map((item) => subjectHashOf(item.customer_id!)))]
  if (!hashes.length) {
    return items
  }
  const erased = await engagementOf(container).listErasures({ subject_hash: hashes }, { select: ["subject_hash"] })
  const gone = new Set(erased.map((row) => row.subject_hash))
  return items.filter((item) => !item.customer_id || !gone.has(subjectHashOf(item.customer_id)))
}
