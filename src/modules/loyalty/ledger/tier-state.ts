import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"
import { COLLECTED_TYPES, LoyaltyAccountRecord } from "../types"
import { TierDefinition, tierFor } from "./tiers"

export interface TierRules {
  basis: "period" | "lifetime"
  window_days: number
  levels: TierDefinition[]
}

export interface TierChange {
  customer_id: string
  from: string | null
  to: string | null
}

/** Sets the account's tier from its points; returns the change, if any (the account is locked). */
export function settleTier(account: LoyaltyAccountRecord, rules: TierRules, now: Date): TierChange | null {
  const points = rules.basis === "period" ? account.period_points : account.lifetime_points
  const tier = tierFor(points, rules.levels)
  const to = tier?.id ?? null
  if (to === account.tier_id) {
    return null
  }
  const change = { customer_id: account.customer_id, from: account.tier_id, to }
  account.tier_id = to
  account.tier_reached_at = to ? now : null
  return change
}

// a fixed list of type names, not input: safe to put in the SQL text
const COLLECTED = `(${COLLECTED_TYPES.map((type) => `'${type}'`).join(", ")})`

/**
 * Points collected in the rolling window, from the ledger rows inside it only: credits that count
 * for tiers, less what was reversed of them. Run for an account when rows leave its window.
 */
export async function periodPoints(manager: SqlEntityManager, accountId: string, since: Date): Promise<number> {
  const [row] = await runSql<{ points: string | null }>(
    manager,
    `SELECT SUM(CASE WHEN type IN ${COLLECTED} AND lot_state <> 'pending' THEN points
                     WHEN type = 'reverse' THEN points ELSE 0 END) AS points
       FROM loyalty_transaction
      WHERE account_id = ? AND created_at > ? AND deleted_at IS NULL`,
    [accountId, since]
  )
  return Math.max(0, Number(row?.points ?? 0))
}

/** Accounts that had tier-counting points leave the window between `from` and `to`. */
export async function accountsLeavingWindow(manager: SqlEntityManager, from: Date, to: Date, limit: number) {
  return await runSql<{ customer_id: string }>(
    manager,
    `SELECT DISTINCT customer_id FROM loyalty_transaction
      WHERE type IN ${COLLECTED} AND created_at > ? AND created_at <= ? AND deleted_at IS NULL
      LIMIT ?`,
    [from, to, limit]
  )
}

/**
 * With a rolling window: the date the account drops below its tier if it collects nothing more
 * (its counted points leave the window one by one), and the points it must collect by then.
 */
export async function tierRetention(
  manager: SqlEntityManager,
  account: LoyaltyAccountRecord,
  rules: TierRules,
  now: Date
): Promise<{ retain_by: Date | null; points_to_retain: number }> {
  const tier = rules.levels.find((level) => level.id === account.tier_id)
  if (!tier || rules.basis === "lifetime") {
    return { retain_by: null, points_to_retain: 0 }
  }
  const windowMs = rules.window_days * 86_400_000
  const rows = await runSql<{ created_at: Date; points: number }>(
    manager,
    `SELECT created_at, points FROM loyalty_transaction
      WHERE account_id = ? AND type IN ${COLLECTED} AND lot_state <> 'pending' AND created_at > ? AND deleted_at IS NULL
      ORDER BY created_at`,
    [account.id, new Date(now.getTime() - windowMs)]
  )
  let points = account.period_points
  for (const row of rows) {
    points -= row.points
    if (points < tier.threshold) {
      return {
        retain_by: new Date(new Date(row.created_at).getTime() + windowMs),
        points_to_retain: tier.threshold - points,
      }
    }
  }
  return { retain_by: null, points_to_retain: 0 }
}
