import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../../../modules/engagement/service"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { ENGAGEMENT_MODULE } from "../../../modules/engagement/types"
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
