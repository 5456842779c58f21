import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../sql"
import type { ReviewRequestRecord, ScheduleReviewRequestInput } from "../types"

const TABLE = "engagement_review_request"

/**
 * Creates the order's review request unless it has one. The unique index on order_id decides,
 * so a duplicated `order.placed`, a restart or a second process never makes a second one.
 */
export async function insertReviewRequest(
  manager: SqlEntityManager,
  input: ScheduleReviewRequestInput
): Promise<{ review_request: ReviewRequestRecord; created: boolean }> {
  // raw SQL: INSERT … ON CONFLICT DO NOTHING on a partial unique index lets the index decide a race
  const inserted = await runSql<ReviewRequestRecord>(
    manager,
    `INSERT INTO ${TABLE} (id, order_id, customer_id, email, status, trigger, send_at, reason, purchases, excluded_items,
       delay_seconds, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::jsonb, ?::jsonb, ?, now(), now())
     ON CONFLICT (order_id) WHERE deleted_at IS NULL DO NOTHING
     RETURNING *`,
    [
      generateEntityId(undefined, "engrr"),
      input.order_id,
      input.customer_id ?? null,
      input.email ?? null,
      input.status,
      input.trigger,
      // workflow steps hand dates over serialised, as strings
      input.send_at ? new Date(input.send_at).toISOString() : null,
      input.reason ?? null,
      JSON.stringify(input.purchases ?? null),
      JSON.stringify(input.excluded_items ?? null),
      input.delay_seconds ?? null,
    ]
  )
  if (inserted.length) {
    return { review_request: inserted[0], created: true }
  }
  const [existing] = await runSql<ReviewRequestRecord>(
    manager,
    `SELECT * FROM ${TABLE} WHERE order_id = ? AND deleted_at IS NULL`,
    [input.order_id]
  )
  return { review_request: existing, created: false }
}

/**
 * Claims scheduled requests whose send time has come; concurrent claims take disjoint rows. They
 * come back in the order they fell due (RETURNING alone has no order): the send job works through
 * them one by one, and of two orders of one shopper due together with the same product, the
 * earlier order is the one asked about it and the later one leaves it out as already asked.
 *
 * A shopper's requests are sent by one process at a time: none is claimed while another of the
 * same shopper (customer, else email) is held by a live lease. The cap and the repeat-product rule
 * read the shopper's earlier review emails before each send, so two processes sending two
 * requests of one shopper at once could both pass them. Claims take turns (an advisory lock for
 * the transaction, taken by the caller before this statement) so each sees the leases of the one
 * before it; the held requests are found on a partial index of the leased rows.
 */
export async function claimDueReviewRequests(
  manager: SqlEntityManager,
  args: { limit: number; leaseMs: number }
): Promise<ReviewRequestRecord[]> {
  // raw SQL: a claim with FOR UPDATE SKIP LOCKED has no ORM form
  return await runSql<ReviewRequestRecord>(
    manager,
    `WITH held AS (
       SELECT DISTINCT COALESCE(customer_id, lower(trim(email))) AS shopper FROM ${TABLE}
        WHERE deleted_at IS NULL AND locked_until IS NOT NULL AND locked_until >= now()
     ),
     claimed AS (
       UPDATE ${TABLE} SET locked_until = now() + (? * interval '1 millisecond'), updated_at = now()
       WHERE id IN (
         SELECT id FROM ${TABLE}
         WHERE deleted_at IS NULL AND status = 'scheduled' AND delivery_id IS NULL
           AND send_at IS NOT NULL AND send_at <= now() AND (locked_until IS NULL OR locked_until < now())
           AND (COALESCE(customer_id, email) IS NULL
                OR COALESCE(customer_id, lower(trim(email))) NOT IN (SELECT shopper FROM held WHERE shopper IS NOT NULL))
         ORDER BY send_at, created_at, id
         LIMIT ?
         FOR UPDATE SKIP LOCKED)
       RETURNING *)
     SELECT * FROM claimed ORDER BY send_at, created_at, id`,
    [args.leaseMs, args.limit]
  )
}

/** The advisory lock claims of due review requests take turns on (see `claimDueReviewRequests`). */
export const REVIEW_CLAIM_LOCK = "engagement_review_request_claim"
