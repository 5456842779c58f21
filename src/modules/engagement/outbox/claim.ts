import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { optionalIn, runSql } from "../sql"
import type { DeliveryRecord } from "../types"

const TABLE = "engagement_delivery"
// a row due: a new row or a retry whose time has come, or a row whose worker's lease ran out (it died)
const WAITING_DUE = "status = 'pending' AND next_attempt_at <= now()"
const LEASE_RAN_OUT = "status = 'sending' AND locked_until < now() AND attempts < max_attempts"
// the platform answered 429: the row waiting out its Retry-After holds the pause in \`locked_until\`
// (see recordOutcomes) until then (one parameter: the platform)
const PAUSED = `EXISTS (SELECT 1 FROM ${TABLE} WHERE deleted_at IS NULL AND platform = ? AND status = 'pending' AND locked_until > now())`

export interface ClaimWithinLimitArgs {
  platform: string
  /** at most this many rows, whatever the free slots */
  limit: number
  /** the platform's concurrency limit, across every process sharing the database */
  concurrency: number
  leaseMs: number
  ids?: string[]
  /**
   * Rows this process claimed whose call the platform has answered, their outcome not written yet:
   * still `sending` in the table, but no longer in flight (their slots are free).
   */
  answered?: string[]
}

export interface ClaimResult {
  rows: DeliveryRecord[]
  /** rows are due (none claimed while this is true: every slot of the platform is taken) */
  due: boolean
  /** the platform answered 429 and its pause has not ended: nothing was claimed */
  paused: boolean
}

/**
 * Claims due rows of one platform, no more than its concurrency limit leaves free ACROSS processes:
 * every row `sending` under a live lease is a call in flight somewhere, so the limit is counted in
 * the table itself. A per-platform transaction-scoped advisory lock makes the count and the claim
 * one step, so two processes claiming at once never take the same free slot. A platform paused by
 * a 429 (a row waiting out its `Retry-After`) is claimed nothing, in every process.
 *
 * `FOR UPDATE SKIP LOCKED` keeps concurrent claims disjoint, and the lease hands a row back if its
 * worker dies before recording the outcome (it may have arrived: the row is then in doubt).
 *
 * The lock and the claim are one statement, the function `engagement_claim_deliveries` (migration
 * 20261207020000): one round trip instead of four (BEGIN, the lock, the claim, COMMIT), so a claim
 * runs beside the calls without their slots waiting for it. Its claim, in words: the free slots
 * (none while paused; the limit less the rows in flight, but for `answered`), then the due rows in
 * two index-ordered parts (retries and new rows by their due time; rows of a worker whose lease ran
 * out), each no more than the free slots, so a claim reads only what it takes however long the
 * backlog is (one OR over both would read and sort every due row: 5–10 ms at a backlog of 10,000,
 * against 0.3 ms); the rows are updated by their ids as an array, which the planner looks up by
 * primary key. A row taken back from a worker whose lease ran out may have reached the platform:
 * it is claimed in doubt.
 */
export async function claimWithinLimit(manager: SqlEntityManager, args: ClaimWithinLimitArgs): Promise<ClaimResult> {
  const rows = await runSql<DeliveryRecord>(
    manager,
    `SELECT * FROM engagement_claim_deliveries(?, ?::int, ?::int, ?::jsonb, ?::jsonb, ?::bigint)`,
    [
      args.platform,
      args.limit,
      args.concurrency,
      JSON.stringify(args.answered ?? []),
      args.ids ? JSON.stringify(args.ids) : null,
      args.leaseMs,
    ]
  )
  if (rows.length) {
    return { rows, due: true, paused: false }
  }
  // nothing claimed: say why (nothing due, every slot taken, or paused), so the caller waits or stops
  const idFilter = optionalIn("id", args.ids)
  const [state] = await runSql<{ due: boolean; paused: boolean }>(
    manager,
    `SELECT EXISTS (SELECT id FROM ${TABLE}
         WHERE deleted_at IS NULL AND platform = ? ${idFilter.sql} AND ((${WAITING_DUE}) OR (${LEASE_RAN_OUT}))) AS due,
       ${PAUSED} AS paused`,
    [args.platform, ...idFilter.params, args.platform]
  )
  return { rows, due: state.due, paused: state.paused }
}
