import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import type { LoyaltySourceActionKind, LoyaltySourceWrites } from "../../../provider-api/loyalty-source-writes"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

/**
 * The writes of the platform that keeps the points (`loyalty.source`), found by its
 * `loyalty_source` capability; null for the local ledger, or when that platform is not switched
 * on or takes no writes.
 */
export function loyaltySourceWritesOf(
  container: MedusaContainer
): { platform: string; name: string; writes: LoyaltySourceWrites } | null {
  const options = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).options
  if (options.source === "local") {
    return null
  }
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const provider = engagement.providersWith("loyalty_source").find((candidate) => candidate.id === options.source)
  if (!provider?.capability.writes) {
    return null
  }
  const perUnit = (currency: string) =>
    options.points_per_currency_unit[currency] ?? options.points_per_currency_unit.default ?? 100
  return { platform: provider.id, name: provider.name, writes: provider.capability.writes(engagement, perUnit) }
}

/** Whether the platform that keeps the points takes this write (otherwise the local routes answer). */
export function loyaltySourceTakes(container: MedusaContainer, kind: LoyaltySourceActionKind): boolean {
  return !!loyaltySourceWritesOf(container)?.writes.kinds.includes(kind)
}
