import { campaignAt } from "../../../modules/loyalty/campaigns"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

/**
 * What a customer's earning is multiplied by at `at` (an order's placing, or now for a cart):
 * their tier's multiplier, times that of every reward scheme they belong to, times the campaign
 * running then for them (the highest, if several). The order award and the cart's "earnable"
 * figure both use it.
 */
export async function earningMultiplierOf(loyalty: LoyaltyModuleService, customerId: string, at: Date) {
  const [account] = await loyalty.listLoyaltyAccounts({ customer_id: customerId })
  const options = await loyalty.effectiveOptions()
  const tier = options.tiers.levels.find((level) => level.id === account?.tier_id)
  const schemeIds = await loyalty.listMemberSchemeIds(customerId)
  const schemeMultiplier = schemeIds.reduce(
    (product, id) => product * (options.schemes.list.find((scheme) => scheme.id === id)?.multiplier ?? 1),
    1
  )
  const campaign = campaignAt(options.campaigns, tier?.id ?? null, at)
  return {
    tier,
    scheme_ids: schemeIds,
    scheme_multiplier: schemeMultiplier,
    campaign,
    multiplier: (tier?.multiplier ?? 1) * schemeMultiplier * (campaign?.multiplier ?? 1),
  }
}
