import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"

/** Accounts with a lot whose expiry has passed while it still holds points (one page). */
export async function accountsWithExpiredLots(manager: SqlEntityManager, now: Date, limit: number) {
  return await runSql<{ customer_id: string; lot_id: string; remaining: number }>(
    manager,
    // points a cart holds do not expire under it: an account with a reservation waits until the
    // cart is completed or released (at most the reservation's lifetime)
    `SELECT t.customer_id, t.id AS lot_id, t.lot_remaining AS remaining
       FROM loyalty_transaction t JOIN loyalty_account a ON a.id = t.account_id AND a.reserved = 0
      WHERE t.lot_state IN ('available', 'pending') AND t.lot_remaining > 0 AND t.expires_at <= ? AND t.deleted_at IS NULL
      ORDER BY t.expires_at, t.id
      LIMIT ?`,
    [now, limit]
  )
}

/** Pending lots whose pending period is over (one page). */
export async function maturedPendingLots(manager: SqlEntityManager, now: Date, limit: number) {
  return await runSql<{ customer_id: string; lot_id: string }>(
    manager,
    `SELECT customer_id, id AS lot_id
       FROM loyalty_transaction
      WHERE lot_state = 'pending' AND available_at <= ? AND deleted_at IS NULL
      ORDER BY available_at, id
      LIMIT ?`,
    [now, limit]
  )
}

export async function setLotState(
  manager: SqlEntityManager,
  lotId: string,
  state: "available" | "expired"
): Promise<void> {
  await runSql(manager, `UPDATE loyalty_transaction SET lot_state = ?, updated_at = now() WHERE id = ?`, [state, lotId])
}

export interface ExpiryBucketRow {
  bucket: number
  points: number
}

/**
 * The spendable balance by when it expires: within 0–30, 30–60, 60–90 and 90+ days (bucket
 * 0..3, counted in UTC days from today to the lot's day of expiry, as an account's summary reads
 * them from its expiry days: see aggregates.ts), read from the available lots, not from the ledger. Every point of the balance
 * is in a bucket, so the buckets add up to it: points held by a cart are left out (taken from the
 * soonest-expiring lots, as the cart's redemption will take them), a lot that never expires (an
 * old credit written before every credit had an expiry, or `expiry_days: null`) is in the last
 * bucket. Pending points are not in the balance and not here: the summary lists them by date.
 */
export async function expiryBuckets(manager: SqlEntityManager, accountIds: string[] | null, now: Date) {
  return await runSql<ExpiryBucketRow>(manager, bucketSql(accountIds, false), bucketParams(accountIds, now))
}

/** Accounts whose balance differs from the sum of their expiry buckets (the verify command's check). */
export async function bucketMismatches(manager: SqlEntityManager, now: Date) {
  return await runSql<{ customer_id: string; balance: number | string; buckets: number | string }>(
    manager,
    `SELECT a.customer_id, a.balance, COALESCE(b.points, 0) AS buckets
       FROM loyalty_account a
       LEFT JOIN (SELECT account_id, SUM(points)::bigint AS points FROM (${bucketSql(null, true)}) per_bucket
                   GROUP BY account_id) b ON b.account_id = a.id
      WHERE a.deleted_at IS NULL AND a.balance <> COALESCE(b.points, 0)`,
    bucketParams(null, now)
  )
}

function bucketParams(accountIds: string[] | null, now: Date) {
  return accountIds ? [accountIds, now] : [now]
}

function bucketSql(accountIds: string[] | null, perAccount: boolean): string {
  return `WITH lots AS (
       SELECT t.account_id, t.lot_remaining, t.expires_at,
              SUM(t.lot_remaining) OVER (
                PARTITION BY t.account_id ORDER BY t.expires_at ASC NULLS LAST, t.created_at, t.id
              ) AS through
         FROM loyalty_transaction t
        WHERE t.lot_state = 'available' AND t.lot_remaining > 0 AND t.deleted_at IS NULL
          ${accountIds ? "AND t.account_id = ANY(?::text[])" : ""}
     )
     SELECT ${perAccount ? "l.account_id," : ""}
            CASE WHEN l.expires_at IS NULL THEN 3
                 ELSE LEAST(3, GREATEST(0, FLOOR(
                   ((l.expires_at AT TIME ZONE 'UTC')::date - (?::timestamptz AT TIME ZONE 'UTC')::date) / 30.0)))
            END::int AS bucket,
            SUM(GREATEST(0, LEAST(l.lot_remaining, l.through - a.reserved)))::bigint AS points
       FROM lots l JOIN loyalty_account a ON a.id = l.account_id AND a.deleted_at IS NULL
      GROUP BY ${perAccount ? "l.account_id, " : ""}bucket`
}

/** The points of the accounts' pending lots by the date they become spendable, soonest first. */
export async function pendingByDate(manager: SqlEntityManager, accountId: string, limit = 50) {
  return await runSql<{ available_at: Date; points: number | string }>(
    manager,
    `SELECT available_at, SUM(lot_remaining)::bigint AS points
       FROM loyalty_transaction
      WHERE account_id = ? AND lot_state = 'pending' AND lot_remaining > 0 AND deleted_at IS NULL
      GROUP BY available_at ORDER BY available_at LIMIT ?`,
    [accountId, limit]
  )
}
