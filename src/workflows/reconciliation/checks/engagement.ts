import type { MedusaContainer } from "@medusajs/framework/types"
import type { ReconciliationCheck, ReconciliationItem } from "../types"
import type EngagementModuleService from "../../../modules/engagement/service"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

export const engagementOf = (container: MedusaContainer) =>
  container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)

export const loyaltyOf = (container: MedusaContainer) => container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)

/** The local ledger keeps the points (a platform that keeps them awards them itself) and loyalty is on. */
export const localLoyaltyOn = (container: MedusaContainer) => {
  const { source, enabled } = loyaltyOf(container).options
  return source === "local" && enabled
}

/** The orders of `items` that have earn rows in the local ledger. */
export async function ordersWithEarnings(container: MedusaContainer, orderIds: string[]): Promise<Set<string>> {
  if (!orderIds.length) {
    return new Set()
  }
  const earned = await loyaltyOf(container).listLoyaltyTransactions(
    { order_id: orderIds, type: "earn" },
    { select: ["order_id"] }
  )
  return new Set(earned.map((row) => row.order_id!))
}

/** Whether a ledger run changed anything (an entry applied, not only found already there). */
export const appliedAny = (posted: { results: { applied: boolean }[] }) => posted.results.some((r) => r.applied)

/**
 * A check that takes back an order's points for one kind of item (a return, a refund): it runs the
 * reversal for every item of an order that earned, which finds nothing left to take back when the
 * subscriber did it, and counts as a repair only when it applied an entry; `after` runs then.
 */
export function pointsReversalCheck(
  kind: string,
  source: string,
  reverse: (container: MedusaContainer, item: ReconciliationItem) => Promise<{ results: { applied: boolean }[] }>,
  after?: (container: MedusaContainer, item: ReconciliationItem) => Promise<unknown>
): ReconciliationCheck {
  return {
    kind,
    source,
    applies: localLoyaltyOn,
    async findMissing(container, items) {
      const earned = await ordersWithEarnings(
        container,
        items.map((item) => item.order_id)
      )
      return items.filter((item) => earned.has(item.order_id))
    },
    async repair(container, item) {
      if (!appliedAny(await reverse(container, item))) {
        return false
      }
      await after?.(container, item)
      return true
    },
  }
}
