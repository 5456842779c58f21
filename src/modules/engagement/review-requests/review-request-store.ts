import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, MedusaContext } from "@medusajs/framework/utils"
import type { OutboxOptions } from "../options"
import type EngagementModuleService from "../service"
import type { ReviewRequestRecord, ScheduleReviewRequestInput } from "../types"
import { claimDueReviewRequests, insertReviewRequest } from "./queries"

type Ctx = Context<SqlEntityManager>

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
    protected readonly rows_: Pick<EngagementModuleService, "updateReviewRequests">
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
   * A review platform delivery's outcome decides its review request, in the transaction that
   * records the outcome: sent with the platform's id (from scheduled or failed), or failed with
   * the delivery's error (from scheduled).
   */
  async applyDeliveryOutcome(
    manager: SqlEntityManager,
    delivery: { id: string; status: string; external_id?: string | null; last_error?: string | null }
  ): Promise<void> {
    const context = { transactionManager: manager }
    if (delivery.status === "delivered") {
      await this.rows_.updateReviewRequests(
        {
          selector: { delivery_id: delivery.id, status: ["scheduled", "failed"] },
          data: { status: "sent", sent_at: new Date(), external_id: delivery.external_id ?? null, reason: null },
        },
        context
      )
    } else if (delivery.status === "failed" || delivery.status === "dead") {
      await this.rows_.updateReviewRequests(
        {
          selector: { delivery_id: delivery.id, status: "scheduled" },
          data: { status: "failed", reason: delivery.last_error ?? delivery.status },
        },
        context
      )
    }
  }
}
