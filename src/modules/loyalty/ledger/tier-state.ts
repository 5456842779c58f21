import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"
import { COLLECTED_TYPES, LoyaltyAccountRecord } from "../types"
import { tierPointsSince, tierRowsOfWeek, utcDay } from "./aggregates"
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
 * Points collected in the rolling window: credits that count for tiers, less what was reversed in
 * it. The credits from the aggregates (the rows of the window's first, partial UTC week, then the
 * weekly sums after it, as tierPointsSince reads them), the reversals from their rows in the window
 * (read by type, so not past the credits): a bounded read however long the account's history. Run
 * for an account when rows leave its window.
 */
export async function periodPoints(
  manager: SqlEntityManager,
  account: { id: string; customer_id: string },
  since: Date
): Promise<number> {
  const credits = await tierPointsSince(manager, account.id, weekStart(since), since)
  // the ledger's rows carry the account's customer (an erasure moves both to one pseudonym)
  const [row] = await runSql<{ points: string | null }>(
    manager,
    `SELECT SUM(points) AS points FROM loyalty_transaction
      WHERE customer_id = ? AND type = 'reverse' AND account_id = ? AND created_at > ? AND deleted_at IS NULL`,
    [account.customer_id, account.id, since]
  )
  const collected = credits.reduce((sum, entry) => sum + Number(entry.points), 0)
  return Math.max(0, collected + Number(row?.points ?? 0))
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
 * Read from its tier points by week, not its rows: the rows of the window's first (partial) week,
 * then whole weeks until the one in which it drops, whose rows give the exact moment; so at most
 * two weeks of rows and a window of weekly sums (two statements), however long its history.
 */
export async function tierRetention(
  manager: SqlEntityManager,
  account: LoyaltyAccountRecord,
  rules: TierRules,
  now: Date
): Promise<{ retain_by: Date | null; points_to_retain: number }> {
  const tier = rules.levels.find((level) => level.id === account.tier_id)
  if (!tier || rules.basis === "lifetime") {
    return none()
  }
  const windowMs = rules.window_days * 86_400_000
  const since = new Date(now.getTime() - windowMs)
  const firstWeek = weekStart(since)
  let points = account.period_points
  /** Walks rows oldest first; the first that takes the points below the threshold decides. */
  const walk = (rows: { created_at: Date; points: number }[]) => {
    for (const row of rows) {
      points -= row.points
      if (points < tier.threshold) {
        return {
          retain_by: new Date(new Date(row.created_at).getTime() + windowMs),
          points_to_retain: tier.threshold - points,
        }
      }
    }
    return null
  }
  for (const entry of await tierPointsSince(manager, account.id, firstWeek, since)) {
    if (!entry.week) {
      const crossed = walk([{ created_at: entry.at, points: entry.points }])
      if (crossed) {
        return crossed
      }
    } else if (points - entry.points >= tier.threshold) {
      points -= entry.points
    } else {
      // the account drops below its tier during this week: its rows say when
      return walk(await tierRowsOfWeek(manager, account.id, new Date(entry.at), since)) ?? none()
    }
  }
  return none()
}

const none = () => ({ retain_by: null, points_to_retain: 0 })

/** The UTC Monday 00:00 of the week of an instant (as date_trunc('week') keys the weekly sums). */
function weekStart(instant: Date): Date {
  const day = new Date(`${utcDay(instant)}T00:00:00.000Z`)
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000)
}
