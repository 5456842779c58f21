import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"
import type { DeliveryRecord } from "../types"

export interface ClaimWithinLimitArgs {
  platform: string
  /** at most this many rows */
  limit: number
  /** the platform's concurrency limit, across every process sharing the database */
  concurrency: number
  /**
   * How many rows the caller may hold per slot left to it (the concurrency less other processes'
   * calls): 1 takes only the free slots, 2 as many again waiting for a slot.
   */
  rounds: number
  /** the rows the caller holds not answered yet (in flight, or waiting for a slot) */
  busy: number
  leaseMs: number
  ids?: string[]
  /**
   * Every row the caller holds (in flight, waiting for a slot, or answered with its outcome not
   * written yet): the rest of the rows `sending` under a live lease are other processes' calls.
   */
  held?: string[]
}

export interface ClaimResult {
  rows: DeliveryRecord[]
  /** calls in flight in other processes when the claim ran: the caller keeps its own below concurrency less these */
  others: number
  /** rows are due (with none claimed: the room was taken, by the caller or by other processes) */
  due: boolean
  /** the platform answered 429 and its pause has not ended: nothing was claimed */
  paused: boolean
}

/**
 * Claims due rows of one platform within a concurrency limit that holds ACROSS processes: every
 * row `sending` under a live lease is held by some process, so the limit is counted in the table.
 * A process may take rows AHEAD of its free slots (`rounds`), so a slot that frees starts the next
 * row at once rather than waiting for a claim; it starts a call only while its own calls are fewer
 * than the limit less `others`, the rows other processes held when it claimed.
 * That keeps calls in flight within the limit: whichever process claimed last saw every row the
 * other holds (ahead ones included) and starts no more than the rest, and the other process's
 * calls never outnumber the rows it held then, since it claimed nothing since.
 *
 * The platform's transaction-scoped advisory lock makes the count and the claim one step, so two
 * processes claiming at once never take the same room. A platform paused by a 429 (a row waiting
 * out its `Retry-After`) is claimed nothing, in every process. `FOR UPDATE SKIP LOCKED` keeps
 * concurrent claims disjoint, and the lease hands a row back if its worker dies before recording
 * the outcome (it may have arrived: the row is then claimed in doubt).
 *
 * All of it is one statement, the function `engagement_claim_deliveries_ahead` (migration
 * 20261207063000): one round trip, and the reasons when nothing was claimed come with it. The due
 * rows are read in two index-ordered parts (retries and new rows by their due time; rows of a
 * worker whose lease ran out), each no longer than the claim, so a claim reads only what it takes
 * however long the backlog is; the rows are updated by their ids as an array, looked up by primary key.
 */
export async function claimWithinLimit(manager: SqlEntityManager, args: ClaimWithinLimitArgs): Promise<ClaimResult> {
  const answer = await runSql<DeliveryRecord & { claim_others: number; claim_paused: boolean; claim_due: boolean }>(
    manager,
    `SELECT c.claim_others, c.claim_paused, c.claim_due, (c.delivery).*
       FROM engagement_claim_deliveries_ahead(?, ?::int, ?::int, ?::int, ?::int, ?::jsonb, ?::jsonb, ?::bigint) c`,
    [
      args.platform,
      args.limit,
      args.concurrency,
      args.rounds,
      args.busy,
      JSON.stringify(args.held ?? []),
      args.ids ? JSON.stringify(args.ids) : null,
      args.leaseMs,
    ]
  )
  const [first] = answer
  const rows = answer
    .filter((row) => row.id !== null)
    .map(({ claim_others: _others, claim_paused: _paused, claim_due: _due, ...row }) => row as DeliveryRecord)
  return { rows, others: first.claim_others, due: first.claim_due, paused: first.claim_paused }
}

/**
 * Hands back rows claimed and never attempted, as they were before the claim (due again at once,
 * the claim's attempt not counted), unless another process has taken them since.
 */
export async function releaseUnsent(manager: SqlEntityManager, rows: Pick<DeliveryRecord, "id" | "attempts">[]) {
  if (!rows.length) {
    return
  }
  await runSql(
    manager,
    `UPDATE engagement_delivery d SET status = 'pending', attempts = d.attempts - 1, locked_until = NULL, updated_at = now()
       FROM jsonb_to_recordset(?::jsonb) AS r(id text, attempts int)
      WHERE d.id = r.id AND d.id = ANY(?::text[]) AND d.status = 'sending' AND d.attempts = r.attempts`,
    [JSON.stringify(rows.map(({ id, attempts }) => ({ id, attempts }))), rows.map((row) => row.id)]
  )
}
