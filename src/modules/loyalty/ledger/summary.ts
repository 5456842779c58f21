import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { LoyaltySummary } from "../../../provider-api/loyalty-source"
import { runSql } from "../../../utils/sql"
import type { LoyaltyAccountRecord } from "../types"
import { accountExpiryBuckets } from "./aggregates"
import { pendingByDate } from "./lots"
import { nextTier } from "./tiers"
import { TierRules, tierRetention } from "./tier-state"

const BUCKETS = [
  { from_days: 0, to_days: 30 },
  { from_days: 30, to_days: 60 },
  { from_days: 60, to_days: 90 },
  { from_days: 90, to_days: null },
]

export function bucketsFrom(rows: { bucket: number; points: number | string }[]): LoyaltySummary["expiring"] {
  return BUCKETS.map((bucket, index) => ({
    ...bucket,
    points: rows
      .filter((row) => Math.max(0, Number(row.bucket)) === index)
      .reduce((sum, row) => sum + Number(row.points), 0),
  }))
}

/** A customer's summary; a customer with no account yet has an empty one. */
export async function buildSummary(
  manager: SqlEntityManager,
  customerId: string,
  rules: TierRules,
  now: Date
): Promise<LoyaltySummary> {
  const [account] = await runSql<LoyaltyAccountRecord>(
    manager,
    `SELECT * FROM loyalty_account WHERE customer_id = ? AND deleted_at IS NULL`,
    [customerId]
  )
  if (!account) {
    const next = nextTier(0, rules.levels)
    return {
      balance: 0,
      pending: 0,
      pending_dates: [],
      reserved: 0,
      debt: 0,
      lifetime_points: 0,
      period_points: 0,
      total_earned: 0,
      total_redeemed: 0,
      spending_blocked: false,
      tier: null,
      next_tier: next ? { id: next.tier.id, name: next.tier.name, points_needed: next.points_needed } : null,
      expiring: bucketsFrom([]),
    }
  }
  const basis = rules.basis === "period" ? account.period_points : account.lifetime_points
  const level = rules.levels.find((candidate) => candidate.id === account.tier_id)
  const next = nextTier(basis, rules.levels)
  const nextOut = next ? { id: next.tier.id, name: next.tier.name, points_needed: next.points_needed } : null
  const retention = level ? await tierRetention(manager, account, rules, now) : null
  return {
    balance: account.balance,
    pending: account.pending,
    pending_dates: (await pendingByDate(manager, account.id)).map((row) => ({
      available_at: new Date(row.available_at),
      points: Number(row.points),
    })),
    reserved: account.reserved,
    debt: account.debt,
    lifetime_points: account.lifetime_points,
    period_points: account.period_points,
    total_earned: account.total_earned,
    total_redeemed: account.total_redeemed,
    spending_blocked: account.spending_blocked,
    tier: level
      ? {
          id: level.id,
          name: level.name,
          color: level.color ?? null,
          reached_at: account.tier_reached_at,
          points_to_retain: retention!.points_to_retain,
          retain_by: retention!.retain_by,
          next: nextOut,
        }
      : null,
    next_tier: level ? null : nextOut,
    expiring: bucketsFrom(await accountExpiryBuckets(manager, account.id, account.reserved, now)),
  }
}
