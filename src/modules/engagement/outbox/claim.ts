import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { optionalIn } from "../sql"
import type { DeliveryRecord } from "../types"

const TABLE = "engagement_delivery"
// calls to the platform in flight in any process: rows sending under a live lease, but for those
// the claiming process knows the platform has answered (two parameters: the platform, their ids as JSON)
const BUSY = `(SELECT count(*) FROM ${TABLE} WHERE deleted_at IS NULL AND platform = ? AND status = 'sending' AND locked_until >= now()
    AND id NOT IN (SELECT jsonb_array_elements_text(?::jsonb)))`
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
 */
export async function claimWithinLimit(manager: SqlEntityManager, args: ClaimWithinLimitArgs): Promise<ClaimResult> {
  const run = async (trx: Knex.Transaction): Promise<ClaimResult> => {
    await trx.raw(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`${TABLE}:${args.platform}`])
    // one statement after the lock (its snapshot sees every claim made before): the free slots,
    // the pause, and the claim itself
    const idFilter = optionalIn("id", args.ids)
    const dueRows = `SELECT id FROM ${TABLE}
         WHERE deleted_at IS NULL AND platform = ? ${idFilter.sql} AND ((${WAITING_DUE}) OR (${LEASE_RAN_OUT}))`
    // Due rows are read in two index-ordered parts (retries and new rows by their due time; rows of
    // a worker whose lease ran out), each no more than the free slots, so a claim reads only what
    // it takes however long the backlog is (one OR over both would read and sort every due row:
    // 5–10 ms at a backlog of 10,000, against 0.3 ms). The rows are updated by their ids as an
    // array, which the planner looks up by primary key (a join with the CTE it would hash against
    // a scan of the whole table).
    const branch = (condition: string) => `SELECT id, next_attempt_at FROM ${TABLE}
           WHERE deleted_at IS NULL AND platform = ? ${idFilter.sql} AND ${condition}
           ORDER BY next_attempt_at LIMIT (SELECT n FROM slots)
           FOR UPDATE SKIP LOCKED`
    const claimed = await trx.raw(
      `WITH slots AS (
         SELECT CASE WHEN ${PAUSED} THEN 0 ELSE GREATEST(0, LEAST(?::int, ?::int - ${BUSY})) END AS n
       ), due AS (${branch(WAITING_DUE)}
       ), abandoned AS (${branch(LEASE_RAN_OUT)}
       ), taken AS (
         SELECT id FROM (SELECT * FROM due UNION ALL SELECT * FROM abandoned) candidates
          ORDER BY next_attempt_at LIMIT (SELECT n FROM slots)
       )
       -- a row taken back from a worker whose lease ran out may have reached the platform: in doubt
       UPDATE ${TABLE} d SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = now(),
         in_doubt = (d.in_doubt OR d.status = 'sending'),
         locked_until = now() + (? * interval '1 millisecond'), updated_at = now()
       WHERE d.id = ANY(ARRAY(SELECT id FROM taken))
       RETURNING d.*`,
      [
        args.platform,
        args.limit,
        args.concurrency,
        args.platform,
        JSON.stringify(args.answered ?? []),
        args.platform,
        ...idFilter.params,
        args.platform,
        ...idFilter.params,
        args.leaseMs,
      ] as Knex.RawBinding[]
    )
    const rows = claimed.rows as DeliveryRecord[]
    if (rows.length) {
      return { rows, due: true, paused: false }
    }
    // nothing claimed: say why (nothing due, every slot taken, or paused), so the caller waits or stops
    const [state] = (
      await trx.raw(`SELECT EXISTS (${dueRows}) AS due, ${PAUSED} AS paused`, [
        args.platform,
        ...idFilter.params,
        args.platform,
      ] as Knex.RawBinding[])
    ).rows as { due: boolean; paused: boolean }[]
    return { rows, due: state.due, paused: state.paused }
  }
  const current = manager.getTransactionContext() as Knex.Transaction | undefined
  if (current) {
    return await run(current)
  }
  return await manager.getKnex().transaction(run)
}
