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
 * Points expiring within 0–30, 30–60, 60–90 and 90+ days (bucket 0..3), read from the account's
 * open lots, not from the ledger; points that never expire are not in any bucket.
 */
export async function expiryBuckets(manager: SqlEntityManager, accountIds: string[] | null, now: Date) {
  return await runSql<ExpiryBucketRow>(
    manager,
    `SELECT LEAST(3, FLOOR(EXTRACT(EPOCH FROM (expires_at - ?::timestamptz)) / 2592000))::int AS bucket,
            SUM(lot_remaining)::bigint AS points
       FROM loyalty_transaction
      WHERE lot_state IN ('available', 'pending') AND lot_remaining > 0 AND expires_at IS NOT NULL
        AND deleted_at IS NULL
        ${accountIds ? "AND account_id IN (SELECT jsonb_array_elements_text(?::jsonb))" : ""}
      GROUP BY 1`,
    accountIds ? [now, JSON.stringify(accountIds)] : [now]
  )
}
