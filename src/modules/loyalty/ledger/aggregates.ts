import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"
import { COLLECTED_TYPES } from "../types"
import type { ExpiryBucketRow } from "./lots"

// The per-account aggregates the trigger of Migration20261207021500 keeps with every ledger write
// (see there): reads of one account from them, and their recount from the ledger for the verify
// command. Days and weeks are UTC.

// a fixed list of type names, not input: safe to put in the SQL text
const COLLECTED = `(${COLLECTED_TYPES.map((type) => `'${type}'`).join(", ")})`

/** The UTC day of an instant, as the aggregates key it (YYYY-MM-DD). */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10)
}

/**
 * The account's spendable balance by when it expires (bucket 0..3: within 0–30, 30–60, 60–90,
 * 90+ days of today), from its points by expiry day: as many rows as days its open lots expire
 * on, whatever its history. Points held by carts come off the soonest-expiring days first.
 */
export async function accountExpiryBuckets(
  manager: SqlEntityManager,
  accountId: string,
  reserved: number,
  now: Date
): Promise<ExpiryBucketRow[]> {
  return await runSql<ExpiryBucketRow>(
    manager,
    `WITH days AS (
       SELECT expires_on, points, SUM(points) OVER (ORDER BY expires_on) AS through
         FROM loyalty_account_expiry WHERE account_id = ?
     )
     SELECT CASE WHEN expires_on = 'infinity' THEN 3
                 ELSE LEAST(3, GREATEST(0, FLOOR((expires_on - ?::date) / 30.0)))
            END::int AS bucket,
            SUM(GREATEST(0, LEAST(points, through - ?)))::bigint AS points
       FROM days GROUP BY bucket`,
    [accountId, utcDay(now), reserved]
  )
}

/**
 * The account's tier-counting points since `since`, oldest first: the rows of the first (partial)
 * week starting `firstWeek`, then a sum for each later UTC week (`week`: true), in one statement.
 */
export async function tierPointsSince(manager: SqlEntityManager, accountId: string, firstWeek: Date, since: Date) {
  return await runSql<{ at: Date; points: number; week: boolean }>(
    manager,
    `SELECT at, points, week FROM (
       SELECT created_at AS at, id, points, false AS week FROM loyalty_transaction
        WHERE account_id = ? AND type IN ${COLLECTED} AND lot_state <> 'pending'
          AND created_at >= ? AND created_at < ?::timestamptz + interval '7 days' AND created_at > ?
          AND deleted_at IS NULL
       UNION ALL
       SELECT week_start::timestamp AT TIME ZONE 'UTC', NULL, points, true FROM loyalty_account_tier_week
        WHERE account_id = ? AND week_start > (?::timestamptz AT TIME ZONE 'UTC')::date
     ) since ORDER BY week, at, id`,
    [accountId, firstWeek, firstWeek, since, accountId, firstWeek]
  )
}

/** The account's tier-counting rows of the UTC week starting `week`, created after `since`, oldest first. */
export async function tierRowsOfWeek(manager: SqlEntityManager, accountId: string, week: Date, since: Date) {
  return await runSql<{ created_at: Date; points: number }>(
    manager,
    `SELECT created_at, points FROM loyalty_transaction
      WHERE account_id = ? AND type IN ${COLLECTED} AND lot_state <> 'pending'
        AND created_at >= ? AND created_at < ?::timestamptz + interval '7 days' AND created_at > ?
        AND deleted_at IS NULL
      ORDER BY created_at, id`,
    [accountId, week, week, since]
  )
}

/** The customer's ledger rows (of the types, or all): the transactions page's count, read from the row counts. */
export async function countTransactions(
  manager: SqlEntityManager,
  customerId: string,
  types: string[] | undefined
): Promise<number> {
  const [row] = await runSql<{ rows: string | null }>(
    manager,
    `SELECT SUM(c.rows) AS rows FROM loyalty_account_row_count c
       JOIN loyalty_account a ON a.id = c.account_id AND a.deleted_at IS NULL
      WHERE a.customer_id = ? ${types ? "AND c.type IN (SELECT jsonb_array_elements_text(?::jsonb))" : ""}`,
    types ? [customerId, JSON.stringify(types)] : [customerId]
  )
  return Number(row?.rows ?? 0)
}

/** The aggregates as the ledger says they should be, one SELECT per aggregate (key, value). */
const RECOUNTS = [
  {
    name: "expiry day",
    stored: `SELECT account_id, expires_on::text AS key, points FROM loyalty_account_expiry`,
    ledger: `SELECT account_id, COALESCE((expires_at AT TIME ZONE 'UTC')::date, 'infinity'::date)::text AS key,
                    SUM(lot_remaining) AS points
               FROM loyalty_transaction WHERE deleted_at IS NULL AND lot_state = 'available' GROUP BY 1, 2`,
  },
  {
    name: "tier week",
    stored: `SELECT account_id, week_start::text AS key, points FROM loyalty_account_tier_week`,
    ledger: `SELECT account_id, date_trunc('week', created_at AT TIME ZONE 'UTC')::date::text AS key, SUM(points) AS points
               FROM loyalty_transaction
              WHERE deleted_at IS NULL AND type IN ${COLLECTED} AND lot_state <> 'pending' GROUP BY 1, 2`,
  },
  {
    name: "rows of type",
    stored: `SELECT account_id, type AS key, rows AS points FROM loyalty_account_row_count`,
    ledger: `SELECT account_id, type AS key, COUNT(*) AS points FROM loyalty_transaction WHERE deleted_at IS NULL GROUP BY 1, 2`,
  },
]

/** Every aggregate row that differs from its recount from the ledger (a missing row counts as 0). */
export async function aggregateDifferences(manager: SqlEntityManager) {
  const differences: { customer_id: string; field: string; stored: number; ledger: number }[] = []
  for (const recount of RECOUNTS) {
    const rows = await runSql<{
      customer_id: string | null
      account_id: string
      key: string
      stored: string
      ledger: string
    }>(
      manager,
      `SELECT a.customer_id, d.account_id, d.key, d.stored, d.ledger FROM (
         SELECT COALESCE(s.account_id, l.account_id) AS account_id, COALESCE(s.key, l.key) AS key,
                COALESCE(s.points, 0) AS stored, COALESCE(l.points, 0) AS ledger, s.points = 0 AS zero_row
           FROM (${recount.stored}) s FULL JOIN (${recount.ledger}) l ON l.account_id = s.account_id AND l.key = s.key
       ) d LEFT JOIN loyalty_account a ON a.id = d.account_id
       -- a row back at 0 should have been removed: kept, the account's rows would grow with its history
       WHERE d.stored <> d.ledger OR d.zero_row`
    )
    for (const row of rows) {
      differences.push({
        customer_id: row.customer_id ?? row.account_id,
        field: `${recount.name} ${row.key}`,
        stored: Number(row.stored),
        ledger: Number(row.ledger),
      })
    }
  }
  return differences
}
