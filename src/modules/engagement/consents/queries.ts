import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../sql"
import type { ConsentSource, ConsentValue } from "../types"

export interface CurrentConsent {
  purpose: string
  value: ConsentValue
  source: string
  recorded_at: Date
}

/**
 * The current value of each purpose: a customer's latest consent row per purpose (one binding: the customer's id, three times). Raw
 * SQL, no ORM form: the customer's purposes found by skipping through the index on
 * (customer_id, purpose, recorded_at, created_at) one purpose at a time, then the latest row of
 * each from the end of its range; as many index reads as purposes, however long the customer's
 * history (a DISTINCT ON would read every row of it).
 */
export const CURRENT_CONSENTS_SQL = `WITH RECURSIVE purposes AS (
       SELECT MIN(purpose) AS purpose FROM engagement_consent WHERE customer_id = ? AND deleted_at IS NULL
       UNION ALL
       SELECT (SELECT MIN(c.purpose) FROM engagement_consent c
                WHERE c.customer_id = ? AND c.deleted_at IS NULL AND c.purpose > purposes.purpose)
         FROM purposes WHERE purposes.purpose IS NOT NULL
     )
     SELECT latest.purpose, latest.value, latest.source, latest.recorded_at
       FROM purposes,
            LATERAL (SELECT purpose, value, source, recorded_at FROM engagement_consent
                      WHERE customer_id = ? AND purpose = purposes.purpose AND deleted_at IS NULL
                      ORDER BY recorded_at DESC, created_at DESC LIMIT 1) latest
      -- the recursion ends on a null purpose: no lateral read for it (it would walk the whole history)
      WHERE purposes.purpose IS NOT NULL
      ORDER BY latest.purpose`

export async function currentConsents(manager: SqlEntityManager, customerId: string): Promise<CurrentConsent[]> {
  return await runSql<CurrentConsent>(manager, CURRENT_CONSENTS_SQL, [customerId, customerId, customerId])
}

/**
 * Marks a link's nonce used. Returns false when it was used already: the unique index decides,
 * so two clicks racing each other still count once.
 */
export async function markLinkUsed(
  manager: SqlEntityManager,
  use: { nonce: string; customer_id: string; purpose: string; action: string }
): Promise<boolean> {
  // raw SQL: INSERT … ON CONFLICT DO NOTHING lets the unique index decide a race, where the ORM would read then write
  const rows = await runSql(
    manager,
    `INSERT INTO engagement_link_use (id, nonce, customer_id, purpose, action, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, now(), now())
     ON CONFLICT (nonce) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`,
    [generateEntityId(undefined, "englu"), use.nonce, use.customer_id, use.purpose, use.action]
  )
  return rows.length === 1
}

export interface PurposeKey {
  customer_id: string
  purpose: string
}

const keyOf = (key: PurposeKey) => `engagement_consent:${key.customer_id}:${key.purpose}`

/**
 * Serialises every writer of these purposes until the caller's transaction ends (a transaction
 * advisory lock per customer and purpose, taken in a fixed order so two writers cannot deadlock).
 */
export async function lockConsentPurposes(manager: SqlEntityManager, keys: PurposeKey[]): Promise<void> {
  for (const key of [...new Set(keys.map(keyOf))].sort()) {
    // raw SQL: transaction-scoped advisory locks have no ORM form
    await runSql(manager, `SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, [key])
  }
}

export interface LatestConsentRow {
  id: string
  customer_id: string
  purpose: string
  value: ConsentValue
  wording: string | null
  info: Record<string, unknown> | null
  recorded_at: Date
}

/** The latest row of each of these purposes. */
export async function latestConsentsOf(manager: SqlEntityManager, keys: PurposeKey[]): Promise<LatestConsentRow[]> {
  if (!keys.length) {
    return []
  }
  // raw SQL: DISTINCT ON, read under the caller's advisory locks, has no ORM form
  return await runSql<LatestConsentRow>(
    manager,
    `SELECT DISTINCT ON (c.customer_id, c.purpose) c.id, c.customer_id, c.purpose, c.value, c.wording, c.info, c.recorded_at
     FROM engagement_consent c
     JOIN jsonb_to_recordset(?::jsonb) AS k(customer_id text, purpose text) ON k.customer_id = c.customer_id AND k.purpose = c.purpose
     WHERE c.deleted_at IS NULL AND c.customer_id = ANY(?::text[])
     ORDER BY c.customer_id, c.purpose, c.recorded_at DESC, c.created_at DESC`,
    // the customers again as an array: the planner counts them (see optionalIn in utils/sql.ts)
    [
      JSON.stringify(keys.map(({ customer_id, purpose }) => ({ customer_id, purpose }))),
      [...new Set(keys.map((key) => key.customer_id))],
    ]
  )
}

/** Which of these ledger ids are taken. */
export async function existingConsentIds(manager: SqlEntityManager, ids: string[]): Promise<string[]> {
  if (!ids.length) {
    return []
  }
  // raw SQL: read in the caller's locked transaction on its raw manager, beside the ON CONFLICT insert it guards
  const rows = await runSql<{ id: string }>(manager, `SELECT id FROM engagement_consent WHERE id = ANY(?::text[])`, [
    ids,
  ])
  return rows.map((row) => row.id)
}

/** The database's clock, read under the locks: rows written in lock order get increasing times. */
export async function databaseNow(manager: SqlEntityManager): Promise<Date> {
  // raw SQL: the database's clock (clock_timestamp) has no ORM form
  const [row] = await runSql<{ now: Date }>(manager, `SELECT clock_timestamp() AS now`)
  return new Date(row.now)
}

export interface ConsentRowInput {
  id: string
  customer_id: string
  purpose: string
  channel: string | null
  value: ConsentValue
  source: ConsentSource
  recorded_at: Date
  actor_type: string | null
  actor_id: string | null
  ip: string | null
  user_agent: string | null
  wording: string | null
  info: Record<string, unknown> | null
}

/** Appends ledger rows; an id that is there already is left alone. Returns the ids written. */
export async function insertConsentRows(manager: SqlEntityManager, rows: ConsentRowInput[]): Promise<string[]> {
  if (!rows.length) {
    return []
  }
  // raw SQL: INSERT … ON CONFLICT DO NOTHING RETURNING tells which rows this call wrote, in one statement
  const written = await runSql<{ id: string }>(
    manager,
    `INSERT INTO engagement_consent (id, customer_id, purpose, channel, value, source, recorded_at, actor_type, actor_id, ip, user_agent, wording, info, created_at, updated_at)
     SELECT r.id, r.customer_id, r.purpose, r.channel, r.value, r.source, r.recorded_at, r.actor_type, r.actor_id, r.ip, r.user_agent, r.wording, r.info, now(), now()
     FROM jsonb_to_recordset(?::jsonb) AS r(id text, customer_id text, purpose text, channel text, value text, source text, recorded_at timestamptz,
       actor_type text, actor_id text, ip text, user_agent text, wording text, info jsonb)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [JSON.stringify(rows)]
  )
  return written.map((row) => row.id)
}

/** Notes a confirmation email for a request; false when that round was written already. */
export async function insertConsentConfirmation(
  manager: SqlEntityManager,
  confirmation: { request_id: string; customer_id: string; purpose: string; round: number }
): Promise<boolean> {
  // raw SQL: INSERT … ON CONFLICT DO NOTHING lets the unique index decide a race
  const rows = await runSql(
    manager,
    `INSERT INTO engagement_consent_confirmation (id, request_id, customer_id, purpose, round, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, now(), now())
     ON CONFLICT (request_id, round) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`,
    [
      generateEntityId(undefined, "engcc"),
      confirmation.request_id,
      confirmation.customer_id,
      confirmation.purpose,
      confirmation.round,
    ]
  )
  return rows.length === 1
}
