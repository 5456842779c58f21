import type LoyaltyModuleService from "../../../modules/loyalty/service"

/**
 * What a customer's earning is multiplied by now: their tier's multiplier times that of every
 * reward scheme they belong to. The order award and the cart's "earnable" figure both use it.
 */
export async function earningMultiplierOf(loyalty: LoyaltyModuleService, customerId: string) {
  const [account] = await loyalty.listLoyaltyAccounts({ customer_id: customerId })
  const tier = (await loyalty.effectiveOptions()).tiers.levels.find((level) => level.id === account?.tier_id)
  const schemeIds = await loyalty.listMemberSchemeIds(customerId)
  const schemeMultiplier = schemeIds.reduce((product, id) => product * (loyalty.rewardScheme(id)?.multiplier ?? 1), 1)
  return {
    tier,
    scheme_ids: schemeIds,
    scheme_multiplier: schemeMultiplier,
    multiplier: (tier?.multiplier ?? 1) * schemeMultiplier,
  }
}
