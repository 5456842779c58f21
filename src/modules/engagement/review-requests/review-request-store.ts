import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import type { OutboxOptions } from "../options"
import type EngagementModuleService from "../service"
import type { ReviewRequestRecord, ScheduleReviewRequestInput } from "../types"
import { runSql } from "../sql"
import { claimDueReviewRequests, insertReviewRequest } from "./queries"

type Ctx = Context<SqlEntityManager>

type ReviewRequestChange = Pick<ReviewRequestRecord, "id" | "status" | "reason"> &
  Partial<Pick<ReviewRequestRecord, "sent_at" | "external_id">>

// the delivery statuses that decide a review request
const SETTLING = ["delivered", "failed", "dead"]

/**
 * Review requests: one per order (a unique key), claimed by one process at a time when due. Raw
 * SQL only inserts (the unique index decides a race) and claims (`SKIP LOCKED`); every change of
 * a request's state, whichever path decides it, is the module's generated `updateReviewRequests`.
 */
export class ReviewRequestStore {
  constructor(
    // the module's repository: the manager decorators below open their contexts on it
    protected readonly baseRepository_: unknown,
    protected readonly outbox_: OutboxOptions,
    protected readonly rows_: Pick<EngagementModuleService, "listReviewRequests" | "updateReviewRequests">
  ) {}

  /** Creates the order's review request, or returns the one it has (`created: false`). */
  @InjectManager()
  async scheduleReviewRequest(input: ScheduleReviewRequestInput, @MedusaContext() ctx: Ctx = {}) {
    return await insertReviewRequest(ctx.manager!, input)
  }

  /** Claims review requests whose send time has come, for this process only. */
  @InjectManager()
  async claimDueReviewRequests(
    args: { limit?: number } = {},
    @MedusaContext() ctx: Ctx = {}
  ): Promise<ReviewRequestRecord[]> {
    const { batch_size, lease_ms } = this.outbox_
    return await claimDueReviewRequests(ctx.manager!, { limit: args.limit ?? batch_size, leaseMs: lease_ms })
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
   * the delivery's error (from scheduled). One read and one generated update for all of them, so a
   * batch of outcomes costs two statements here, not two per delivery.
   */
  async applyDeliveryOutcomes(
    manager: SqlEntityManager,
    deliveries: { id: string; status: string; external_id?: string | null; last_error?: string | null }[]
  ): Promise<void> {
    const context = { transactionManager: manager }
    const ended = new Map(
      deliveries.filter((delivery) => SETTLING.includes(delivery.status)).map((delivery) => [delivery.id, delivery])
    )
    if (!ended.size) {
      return
    }
    const requests = await this.rows_.listReviewRequests(
      { delivery_id: [...ended.keys()], status: ["scheduled", "failed"] },
      { select: ["id", "delivery_id", "status"] },
      context
    )
    const sentAt = new Date()
    const changes: ReviewRequestChange[] = []
    for (const request of requests) {
      const delivery = ended.get(request.delivery_id!)!
      if (delivery.status === "delivered") {
        changes.push({
          id: request.id,
          status: "sent",
          sent_at: sentAt,
          external_id: delivery.external_id ?? null,
          reason: null,
        })
      } else if (request.status === "scheduled") {
        // a failed request stays as it was: a later attempt's failure does not overwrite its reason
        changes.push({ id: request.id, status: "failed", reason: delivery.last_error ?? delivery.status })
      }
    }
    if (changes.length) {
      await this.rows_.updateReviewRequests(changes, context)
    }
  }
}
