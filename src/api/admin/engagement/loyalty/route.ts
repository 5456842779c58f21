import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { currencyDecimals } from "../../../../utils/money"
import { loyaltyOf } from "../../../utils/loyalty"

/**
 * The programme's liability: points outstanding (spendable, pending and reserved) and their
 * value in each of the store's currencies at the configured points per unit, what expires when,
 * members per tier and the latest adjustments.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const loyalty = loyaltyOf(req.scope)
  const figures = await loyalty.getProgrammeSummary()
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: stores } = await query.graph({ entity: "store", fields: ["supported_currencies.currency_code"] })
  const currencies = [...new Set(stores.flatMap((store) => ((store.supported_currencies ?? []) as { currency_code: string }[]).map((c) => c.currency_code)))]
  const outstanding = figures.balance + figures.pending + figures.reserved
  const perUnit = loyalty.options.points_per_currency_unit
  const value = currencies.map((code) => {
    const points = perUnit[code] ?? perUnit.default ?? 100
    // minor units by integer division, rounded down: the liability is never overstated by rounding
    const minor = Math.floor((outstanding * 10 ** currencyDecimals(code)) / points)
    return { currency_code: code, amount: minor / 10 ** currencyDecimals(code), points_per_unit: points }
  })
  const names = new Map(loyalty.options.tiers.levels.map((level) => [level.id, level.name]))
  res.json({
    loyalty: {
      ...figures,
      outstanding,
      value,
      tiers: figures.tiers.map((tier) => ({ ...tier, name: tier.tier_id ? names.get(tier.tier_id) ?? tier.tier_id : null })),
    },
  })
}
