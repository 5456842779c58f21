import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, MedusaContext } from "@medusajs/framework/utils"
import type { OutboxOptions } from "../options"
import type { ReviewRequestRecord, ScheduleReviewRequestInput } from "../types"
import { claimDueReviewRequests, insertReviewRequest } from "./queries"

type Ctx = Context<SqlEntityManager>

/** Review requests: one per order (a unique key), claimed by one process at a time when due. */
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

  /** Claims review requests whose send time has come, for this process only. */
  @InjectManager()
  async claimDueReviewRequests(
    args: { limit?: number } = {},
    @MedusaContext() ctx: Ctx = {}
  ): Promise<ReviewRequestRecord[]> {
    const { batch_size, lease_ms } = this.outbox_
    return await claimDueReviewRequests(ctx.manager!, { limit: args.limit ?? batch_size, leaseMs: lease_ms })
  }
}
