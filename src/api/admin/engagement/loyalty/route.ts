import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
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
  const currencies = [
    ...new Set(
      stores.flatMap((store) =>
        ((store.supported_currencies ?? []) as { currency_code: string }[]).map((c) => c.currency_code)
      )
    ),
  ]
  const outstanding = figures.balance + figures.pending + figures.reserved
  const perUnit = (await loyalty.effectiveOptions()).points_per_currency_unit
  const value = currencies.map((code) => {
    const points = perUnit[code] ?? perUnit.default ?? 100
    // minor units by integer division, rounded down: the liability is never overstated by rounding
    const minor = Math.floor((outstanding * 10 ** currencyDecimals(code)) / points)
    return { currency_code: code, amount: minor / 10 ** currencyDecimals(code), points_per_unit: points }
  })
  const names = new Map((await loyalty.effectiveOptions()).tiers.levels.map((level) => [level.id, level.name]))
  // who made each adjustment and for whom, by email, as the admin knows them
  const adjustments = figures.latest_adjustments as { actor_id: string | null; customer_id: string }[]
  const adminIds = [...new Set(adjustments.map((row) => row.actor_id).filter((id): id is string => !!id))]
  const customerIds = [...new Set(adjustments.map((row) => row.customer_id))]
  const [admins, customers] = await Promise.all([
    adminIds.length ? req.scope.resolve(Modules.USER).listUsers({ id: adminIds }, { select: ["id", "email"] }) : [],
    customerIds.length
      ? req.scope.resolve(Modules.CUSTOMER).listCustomers({ id: customerIds }, { select: ["id", "email"] })
      : [],
  ])
  const emails = new Map([...admins, ...customers].map((row) => [row.id, row.email]))
  res.json({
    loyalty: {
      ...figures,
      outstanding,
      value,
      latest_adjustments: adjustments.map((row) => ({
        ...row,
        actor_email: row.actor_id ? (emails.get(row.actor_id) ?? null) : null,
        customer_email: emails.get(row.customer_id) ?? null,
      })),
      tiers: figures.tiers.map((tier) => ({
        ...tier,
        name: tier.tier_id ? (names.get(tier.tier_id) ?? tier.tier_id) : null,
      })),
    },
  })
}
