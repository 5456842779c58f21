import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LoyaltySource, LoyaltySourceError } from "../../../provider-api/loyalty-source"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

/** The id of the platform that keeps the shopper's points (`loyalty.source`), or null for the local ledger. */
export function loyaltySourceId(container: MedusaContainer): string | null {
  const source = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).options.source
  return source === "local" ? null : source
}

/**
 * The reader of the platform that keeps the points, found by the `loyalty_source` capability, or
 * null for the local ledger. A source that is not switched on is a 424 naming it, never a 5xx.
 */
export function loyaltySourceOf(container: MedusaContainer): LoyaltySource | null {
  const id = loyaltySourceId(container)
  if (!id) {
    return null
  }
  const options = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).options
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const provider = engagement.providersWith("loyalty_source").find((candidate) => candidate.id === id)
  if (!provider) {
    throw new LoyaltySourceError(
      424,
      "platform_unavailable",
      `loyalty: ${id}, which keeps this store's points, is not switched on`,
      { platform: id, failed: "loyalty" }
    )
  }
  const perUnit = (currency: string) =>
    options.points_per_currency_unit[currency] ?? options.points_per_currency_unit.default ?? 100
  return provider.capability.reader(engagement, perUnit, options.source_cache_ms)
}
