import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ChartWeeksParamsType } from "../../../../utils/chart-windows"
import { loyaltyOf } from "../../../../utils/loyalty"

/**
 * GET /admin/engagement/loyalty/stats?weeks=12: the programme's charts. Points issued, redeemed and
 * expired per week with what was outstanding at each week's end; the redemption rate over the
 * window (redeemed ÷ issued, null when nothing was issued); every tier of the settings in effect
 * with its threshold, multiplier and members (a tier nobody reached too); and the earning rules.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { weeks } = req.validatedQuery as ChartWeeksParamsType
  const loyalty = loyaltyOf(req.scope)
  const [charts, options] = await Promise.all([loyalty.getProgrammeCharts(weeks), loyalty.effectiveOptions()])
  const members = new Map(charts.members.map((row) => [row.tier_id, row.members]))
  const issued = charts.weeks.reduce((sum, week) => sum + week.issued, 0)
  const redeemed = charts.weeks.reduce((sum, week) => sum + week.redeemed, 0)
  const levels = [...options.tiers.levels].sort((a, b) => a.threshold - b.threshold)
  const known = new Set(levels.map((level) => level.id))
  // members of a tier since removed from the settings count as without a tier until they move
  const untiered = charts.members.filter((row) => !row.tier_id || !known.has(row.tier_id))
  res.json({
    stats: {
      weeks: charts.weeks,
      redemption_rate: issued > 0 ? redeemed / issued : null,
      tiers: [
        {
          id: null,
          name: "No tier",
          threshold: 0,
          multiplier: 1,
          members: untiered.reduce((sum, row) => sum + row.members, 0),
        },
        ...levels.map((level) => ({
          id: level.id,
          name: level.name,
          threshold: level.threshold,
          multiplier: level.multiplier,
          members: members.get(level.id) ?? 0,
        })),
      ],
      tier_basis: { basis: options.tiers.basis, window_days: options.tiers.window_days },
      earning: {
        points_per_unit: options.earn.points_per_unit,
        base: options.earn.base,
        rounding: options.earn.rounding,
        cap_per_order: options.earn.cap_per_order,
        pending_days: options.earn.pending_days,
        expiry_days: options.expiry_days,
      },
    },
  })
}
