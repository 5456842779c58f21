import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import type { OutboxOptions } from "../options"
import type { ReviewRequestRecord, ScheduleReviewRequestInput } from "../types"
import { runSql } from "../sql"
import {
  claimDueReviewReminders,
  claimDueReviewRequests,
  claimReviewRequestNow,
  insertReviewRequest,
  REVIEW_CLAIM_LOCK,
} from "./queries"

type Ctx = Context<SqlEntityManager>

// the delivery statuses that decide a review request
const SETTLING = ["delivered", "failed", "dead"]

/**
 * Review requests: one per order (a unique key), claimed by one process at a time when due. Raw
 * SQL inserts (the unique index decides a race), claims (`SKIP LOCKED`) and settles a batch of
 * deliveries' outcomes (one statement on the outbox's hot path); the admin's and the jobs' other
 * changes of a request's state are the module's generated `updateReviewRequests`.
 */
export class ReviewRequestStore {
  constructor(
    // the module's repository: the manager decorators below open their contexts on it
    protected readonly baseRepository_: unknown,
    protected readonly outbox_: OutboxOptions
  ) {}

  /** Creates the order's review request, or returns the one it has (`created: false`). */
  @InjectManager()
  async scheduleReviewRequest(input: ScheduleReviewRequestInput, @MedusaContext() ctx: Ctx = {}) {
    return await insertReviewRequest(ctx.manager!, input)
  }

  /**
   * Claims review requests whose send time has come (`reminders`: emailed requests whose next
   * reminder is due), for this process only, and none of a shopper another process is sending to:
   * the claims take turns under an advisory lock, so each one's statement (a snapshot taken after
   * the lock) sees the leases of the one before.
   */
  @InjectTransactionManager()
  async claimDueReviewRequests(
    args: { limit?: number; reminders?: boolean } = {},
    @MedusaContext() ctx: Ctx = {}
  ): Promise<ReviewRequestRecord[]> {
    await this.takeClaimTurn(ctx.transactionManager!)
    const claim = args.reminders ? claimDueReviewReminders : claimDueReviewRequests
    return await claim(ctx.transactionManager!, {
      limit: args.limit ?? this.outbox_.batch_size,
      leaseMs: this.outbox_.lease_ms,
    })
  }

  /**
   * An admin's "send now": the scheduled request is due now and held by this process, in the same
   * turns as the jobs' claims; `held` when another request of its shopper is being sent right now.
   */
  @InjectTransactionManager()
  async claimReviewRequestNow(
    id: string,
    @MedusaContext() ctx: Ctx = {}
  ): Promise<{ claimed: boolean; held: boolean }> {
    await this.takeClaimTurn(ctx.transactionManager!)
    return await claimReviewRequestNow(ctx.transactionManager!, { id, leaseMs: this.outbox_.lease_ms })
  }

  private async takeClaimTurn(manager: SqlEntityManager) {
    await runSql(manager, `SELECT pg_advisory_xact_lock(hashtext(?))`, [REVIEW_CLAIM_LOCK])
  }

  /**
   * Settles a request just attached to its delivery if the platform has answered already: the
   * delivery is committed before the request names it, and a process holding rows ahead (or
   * another worker) may send it and record its outcome in between, when nothing named it yet.
   * The delivery's row is read under a share lock, so an outcome being written is waited for, and
   * one written after this reads sees the request attached. Idempotent with the outcome's handler.
   */
  @InjectTransactionManager()
  async settleAttachedReviewRequest(deliveryId: string, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    const manager = ctx.transactionManager!
    const delivery = await runSql<{
      id: string
      status: string
      external_id: string | null
      last_error: string | null
    }>(manager, `SELECT id, status, external_id, last_error FROM engagement_delivery WHERE id = ? FOR SHARE`, [
      deliveryId,
    ])
    await this.applyDeliveryOutcomes(manager, delivery)
  }

  /**
   * Review platform deliveries' outcomes decide their review requests, in the transaction that
   * records the outcomes: sent with the platform's id (from scheduled or failed), or failed with
   * the delivery's error (from scheduled; a failed request keeps its first reason). One statement
   * for all of them, however many ended together.
   */
  async applyDeliveryOutcomes(
    manager: SqlEntityManager,
    deliveries: { id: string; status: string; external_id?: string | null; last_error?: string | null }[]
  ): Promise<void> {
    const ended = deliveries
      .filter((delivery) => SETTLING.includes(delivery.status))
      .map(({ id, status, external_id, last_error }) => ({
        id,
        delivered: status === "delivered",
        external_id: external_id ?? null,
        reason: last_error ?? status,
      }))
    if (!ended.length) {
      return
    }
    await runSql(
      manager,
      `UPDATE engagement_review_request r SET
         status = CASE WHEN v.delivered THEN 'sent' ELSE 'failed' END,
         sent_at = CASE WHEN v.delivered THEN now() ELSE r.sent_at END,
         external_id = CASE WHEN v.delivered THEN v.external_id ELSE r.external_id END,
         reason = CASE WHEN v.delivered THEN NULL ELSE v.reason END,
         updated_at = now()
       FROM jsonb_to_recordset(?::jsonb) AS v(id text, delivered boolean, external_id text, reason text)
       WHERE r.delivery_id = v.id AND r.delivery_id = ANY(?::text[]) AND r.deleted_at IS NULL
         AND (r.status = 'scheduled' OR (r.status = 'failed' AND v.delivered))`,
      // the ids again as an array: the planner counts them (see optionalIn in utils/sql.ts)
      [JSON.stringify(ended), ended.map((row) => row.id)]
    )
  }
}
