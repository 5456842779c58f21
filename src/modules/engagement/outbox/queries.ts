import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../sql"
import type { DeliveryRecord, EnqueueResult } from "../types"
import type { EnqueueDeliveryInput } from "../../../provider-api/types"

// All statements use bound parameters; table and column names are constants.
const TABLE = "engagement_delivery"

type Row = DeliveryRecord & Record<string, unknown>

/**
 * Inserts the rows whose idempotency key is new and returns every row asked for, new or not.
 * The unique index decides, so two processes enqueuing the same key at once still make one row.
 */
export async function insertDeliveries(
  manager: SqlEntityManager,
  inputs: (EnqueueDeliveryInput & { max_attempts: number })[]
): Promise<EnqueueResult[]> {
  const results: EnqueueResult[] = []
  for (const input of inputs) {
    const inserted = await runSql<Row>(
      manager,
      `INSERT INTO ${TABLE} (id, origin, platform, operation, payload, idempotency_key, status, attempts, max_attempts,
         next_attempt_at, customer_id, order_id, subject_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?::jsonb, ?, 'pending', 0, ?, COALESCE(?::timestamptz, now()), ?, ?, ?, now(), now())
       ON CONFLICT (idempotency_key) WHERE deleted_at IS NULL DO NOTHING
       RETURNING *`,
      [
        generateEntityId(undefined, "engdel"),
        input.origin,
        input.platform,
        input.operation,
        JSON.stringify(input.payload),
        input.idempotency_key,
        input.max_attempts,
        input.not_before ? new Date(input.not_before).toISOString() : null,
        input.customer_id ?? null,
        input.order_id ?? null,
        input.subject_id ?? null,
      ]
    )
    if (inserted.length) {
      results.push({ delivery: inserted[0], created: true })
      continue
    }
    const [existing] = await runSql<Row>(
      manager,
      `SELECT * FROM ${TABLE} WHERE idempotency_key = ? AND deleted_at IS NULL`,
      [input.idempotency_key]
    )
    results.push({ delivery: existing, created: false })
  }
  return results
}

// Claiming due rows: `claim.ts` (it keeps each platform within its concurrency across processes).

/** The platforms of these rows that still wait for an attempt: the ones a prompt dispatch pumps. */
export async function platformsOfPending(manager: SqlEntityManager, ids: string[]): Promise<string[]> {
  const rows = await runSql<{ platform: string }>(
    manager,
    `SELECT DISTINCT platform FROM engagement_delivery
      WHERE id = ANY(?::text[]) AND deleted_at IS NULL AND status = 'pending'`,
    [ids]
  )
  return rows.map((row) => row.platform)
}

/**
 * A row whose worker died on its last allowed attempt is dead, not sent again unasked. Returns the
 * rows, so what waited on them (a review request, a contact's sync) learns of it.
 */
export async function buryAbandonedDeliveries(manager: SqlEntityManager): Promise<DeliveryRecord[]> {
  return await runSql<Row>(
    manager,
    `UPDATE ${TABLE} SET status = 'dead', locked_until = NULL, updated_at = now(), in_doubt = true,
       last_error = COALESCE(last_error || '; ', '') || 'no outcome recorded for the last attempt (worker stopped)'
     WHERE deleted_at IS NULL AND status = 'sending' AND locked_until < now() AND attempts >= max_attempts
     RETURNING *`
  )
}

export interface RecordedOutcome {
  id: string
  status: "delivered" | "pending" | "failed" | "dead"
  retry_in_ms?: number
  last_error?: string | null
  response_status?: number | null
  response_summary?: Record<string, unknown> | null
  external_id?: string | null
  /** the attempt does not count (the platform asked to slow down, 429) */
  refund_attempt?: boolean
  /** the platform may hold this call without us knowing (see `in_doubt` on the row) */
  in_doubt?: boolean
}

// Recording an attempt's outcome: `recordOutcomes` in `outcome-writer.ts` (several in one statement).

/**
 * Replay: a failed, dead or waiting row is due again now with a fresh set of attempts. A row an
 * erasure anonymised (its key `erased:…`) is never sent again: its payload is gone.
 */
export async function requeueDelivery(manager: SqlEntityManager, id: string): Promise<DeliveryRecord | null> {
  const [row] = await runSql<Row>(
    manager,
    `UPDATE ${TABLE} SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL, updated_at = now()
     WHERE id = ? AND deleted_at IS NULL AND status IN ('failed', 'dead', 'pending') AND idempotency_key NOT LIKE 'erased:%'
     RETURNING *`,
    [id]
  )
  return row ?? null
}

/** Puts a row back as it was before a replay (the replay workflow's compensation). */
export async function restoreDelivery(
  manager: SqlEntityManager,
  previous: Pick<DeliveryRecord, "id" | "status" | "attempts" | "next_attempt_at">
): Promise<void> {
  await runSql<Row>(
    manager,
    `UPDATE ${TABLE} SET status = ?, attempts = ?, next_attempt_at = ?, updated_at = now() WHERE id = ? AND status = 'pending'`,
    [previous.status, previous.attempts, new Date(previous.next_attempt_at).toISOString(), previous.id]
  )
}

/**
 * A platform answered 429: its other waiting rows wait at least as long, in every process, so the
 * platform gets a pause instead of the rest of the batch.
 */
export async function postponePlatform(manager: SqlEntityManager, platform: string, waitMs: number): Promise<void> {
  await runSql(
    manager,
    `UPDATE ${TABLE} SET next_attempt_at = GREATEST(next_attempt_at, now() + (? * interval '1 millisecond')), updated_at = now()
     WHERE deleted_at IS NULL AND platform = ? AND status = 'pending'`,
    [waitMs, platform]
  )
}

/**
 * When the next row waiting for an attempt (a retry after its backoff, or a new row) becomes due;
 * null when none waits. Rows in flight are not counted: a dead worker's lease running out waits
 * for a tick.
 */
export async function nextDeliveryDueAt(manager: SqlEntityManager): Promise<Date | null> {
  const [row] = await runSql<{ at: Date | string | null }>(
    manager,
    // the waiting rows are indexed by platform, then due time: skip from one platform to the next
    // (a few index reads per platform), then each platform's earliest
    `WITH RECURSIVE platforms AS (
       SELECT min(platform) AS platform FROM ${TABLE} WHERE status = 'pending' AND deleted_at IS NULL
       UNION ALL
       SELECT (SELECT min(platform) FROM ${TABLE} WHERE status = 'pending' AND deleted_at IS NULL AND platform > p.platform)
         FROM platforms p WHERE p.platform IS NOT NULL
     )
     SELECT min((SELECT min(next_attempt_at) FROM ${TABLE} d
                  WHERE d.status = 'pending' AND d.deleted_at IS NULL AND d.platform = p.platform)) AS at
       FROM platforms p WHERE p.platform IS NOT NULL`
  )
  return row?.at ? new Date(row.at) : null
}
