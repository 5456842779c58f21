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
 * Who the cap and the repeat rule count for, in SQL: the customer, else the order's email as
 * `customerKeyOf` (workflows/review-requests/utils/send-time.ts) writes it.
 */
const SHOPPER_KEY = "COALESCE(customer_id, lower(trim(email)))"

/**
 * The shoppers another process is emailing or asking now: a request of theirs is held under a live
 * lease (by the send job, the reminder job or an admin's "send now"). Found on a partial index of
 * the leased rows; `except` leaves one request's own lease out.
 */
const heldShoppers = (except = false) =>
  `SELECT DISTINCT ${SHOPPER_KEY} AS shopper FROM ${TABLE}
    WHERE deleted_at IS NULL AND locked_until IS NOT NULL AND locked_until >= now()${except ? " AND id <> ?" : ""}`

const notHeld = `(COALESCE(customer_id, email) IS NULL
  OR ${SHOPPER_KEY} NOT IN (SELECT shopper FROM held WHERE shopper IS NOT NULL))`

/**
 * Claims `limit` requests matching `due` for `leaseMs`, in the order `orderBy` names (RETURNING
 * alone has no order); concurrent claims take disjoint rows, and none takes a request of a shopper
 * another process holds one of (see `REVIEW_CLAIM_LOCK`).
 */
async function claimLeased(
  manager: SqlEntityManager,
  args: { due: string; orderBy: string; limit: number; leaseMs: number }
): Promise<ReviewRequestRecord[]> {
  // raw SQL: a claim with FOR UPDATE SKIP LOCKED has no ORM form
  return await runSql<ReviewRequestRecord>(
    manager,
    `WITH held AS (${heldShoppers()}),
     claimed AS (
       UPDATE ${TABLE} SET locked_until = now() + (? * interval '1 millisecond'), updated_at = now()
       WHERE id IN (
         SELECT id FROM ${TABLE}
         WHERE deleted_at IS NULL AND (locked_until IS NULL OR locked_until < now()) AND ${args.due}
           AND ${notHeld}
         ORDER BY ${args.orderBy}
         LIMIT ?
         FOR UPDATE SKIP LOCKED)
       RETURNING *)
     SELECT * FROM claimed ORDER BY ${args.orderBy}`,
    [args.leaseMs, args.limit]
  )
}

/**
 * Claims scheduled requests whose send time has come. They come back in the order they fell due:
 * the send job works through them one by one, and of two orders of one shopper due together with
 * the same product, the earlier order is the one asked about it and the later one leaves it out as
 * already asked.
 */
export async function claimDueReviewRequests(
  manager: SqlEntityManager,
  args: { limit: number; leaseMs: number }
): Promise<ReviewRequestRecord[]> {
  return await claimLeased(manager, {
    due: `status = 'scheduled' AND delivery_id IS NULL AND send_at IS NOT NULL AND send_at <= now()`,
    orderBy: "send_at, created_at, id",
    ...args,
  })
}

/** Claims emailed requests whose next reminder is due, the longest due first. */
export async function claimDueReviewReminders(
  manager: SqlEntityManager,
  args: { limit: number; leaseMs: number }
): Promise<ReviewRequestRecord[]> {
  return await claimLeased(manager, {
    due: `status = 'sent' AND channel = 'email' AND next_reminder_at IS NOT NULL AND next_reminder_at <= now()`,
    orderBy: "next_reminder_at, id",
    ...args,
  })
}

/**
 * An admin's "send now" of a scheduled request: due now and leased for `leaseMs`, unless another
 * request of its shopper is held (`held`: sent or asked about by another process right now). The
 * request's own lease is the caller's to check (the workflow refuses a request being sent; a send
 * now that failed puts its lease back, so it can be tried again at once).
 */
export async function claimReviewRequestNow(
  manager: SqlEntityManager,
  args: { id: string; leaseMs: number }
): Promise<{ claimed: boolean; held: boolean }> {
  const [row] = await runSql<{ claimed: boolean; held: boolean }>(
    manager,
    `WITH held AS (${heldShoppers(true)}),
     target AS (
       SELECT id, ${notHeld} AS free FROM ${TABLE}
        WHERE id = ? AND deleted_at IS NULL AND status = 'scheduled'
        FOR UPDATE),
     claimed AS (
       UPDATE ${TABLE} r SET send_at = now(), locked_until = now() + (? * interval '1 millisecond'), updated_at = now()
         FROM target WHERE r.id = target.id AND target.free
       RETURNING r.id)
     SELECT EXISTS (SELECT 1 FROM claimed) AS claimed, EXISTS (SELECT 1 FROM target WHERE NOT target.free) AS held`,
    [args.id, args.id, args.leaseMs]
  )
  return row
}

/**
 * The advisory lock (for a transaction) every claim of review requests takes first. A shopper's
 * requests are sent by one process at a time: the cap and the repeat rule read the shopper's
 * earlier review emails before each send or reminder, so two processes sending to one shopper at
 * once could both pass them. Taking turns, each claim's statement (a snapshot taken after the
 * lock) sees the leases of the one before, and skips their shoppers.
 */
export const REVIEW_CLAIM_LOCK = "engagement_review_request_claim"
