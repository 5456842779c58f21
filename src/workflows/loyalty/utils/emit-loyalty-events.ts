import { transform, WorkflowData } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { PostResult } from "../../../modules/loyalty/service"
import { LOYALTY_EVENTS } from "../../../modules/loyalty/types"

/**
 * In a workflow that changed points: `loyalty.tier.changed` per tier change and one
 * `loyalty.account.changed` naming the customers whose points changed (nothing when none did).
 */
export function emitLoyaltyEvents(posted: WorkflowData<PostResult>) {
  const events = transform({ posted }, ({ posted }) => {
    const customerIds = [
      ...new Set(posted.results.filter((result) => result.applied).map((result) => result.customer_id)),
    ]
    return { tiers: posted.tier_changes, accounts: customerIds.length ? [{ customer_ids: customerIds }] : [] }
  })
  emitEventStep({ eventName: LOYALTY_EVENTS.TIER_CHANGED, data: events.tiers }).config({
    name: "emit-loyalty-tier-changed",
  })
  emitEventStep({ eventName: LOYALTY_EVENTS.ACCOUNT_CHANGED, data: events.accounts }).config({
    name: "emit-loyalty-account-changed",
  })
}
