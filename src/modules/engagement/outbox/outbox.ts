import type { Context, Logger } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError } from "@medusajs/framework/utils"
import { withoutContactDetails } from "../../../utils/database-errors"
import type { OutboxOptions } from "../options"
import type { DeliveryOutcome, EnabledPlatform, EnqueueDeliveryInput } from "../../../provider-api/types"
import type { DeliveryRecord, EnqueueResult } from "../types"
import type { OutcomeHandlers } from "./outcome-handlers"
import { toRecordedOutcome } from "./outcome"
import { PlatformDeliveryHealth, summarizeDeliveries } from "./health"
import {
  buryAbandonedDeliveries,
  insertDeliveries,
  nextDeliveryDueAt,
  platformsOfPending,
  postponePlatform,
  RecordedOutcome,
  requeueDelivery,
  restoreDelivery,
} from "./queries"
import type { PlatformTransport } from "./transport"
import { releaseUnsent } from "./claim"
import { CanceledDelivery, cancelEndedDeliveries, uncancelDeliveries } from "./cancel"
import { OutcomeWriter, PendingOutcome, recordOutcomes } from "./outcome-writer"
import { pumpPlatform } from "./platform-pump"
import { buildDryRun, DRY_RUN_REASON, DryRunRequest, isDryRun, recordDryRun } from "./dry-run"

export interface DispatchSummary {
  claimed: number
  delivered: number
  retrying: number
  failed: number
  dead: number
  /** built and stored, not sent (docs/delivery-guarantees.md, "Dry-run") */
  dry_run: number
}

/**
 * The durable outbox: every outbound call is a row first. It enqueues rows (a unique idempotency
 * key), claims due ones per platform, makes one attempt each through the transport, records the
 * outcome and tells whoever made the delivery (through the outcome handlers) in the transaction that
 * records it (several outcomes to a transaction, see `outcome-writer.ts`). Safe to run in several
 * processes.
 */
export class Outbox {
  constructor(
    // the module's repository: the manager and transaction decorators below open their contexts on it
    protected readonly baseRepository_: unknown,
    protected readonly deps_: {
      logger: Logger
      outbox: OutboxOptions
      platforms: Map<string, EnabledPlatform>
      transport: PlatformTransport
      outcomes: OutcomeHandlers
      /** whether a platform is in dry-run now (the settings saved in the admin, then the options) */
      dryRun?: (platformId: string, platformOption: boolean | undefined) => Promise<boolean>
    }
  ) {}

  /**
   * Writes outbox rows. A key that is already there is left as it is and returned with
   * `created: false`, so enqueuing the same call twice never sends it twice.
   */
  @InjectManager()
  async enqueueDeliveries(
    inputs: EnqueueDeliveryInput[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<EnqueueResult[]> {
    const maxAttempts = this.deps_.outbox.max_attempts
    return await insertDeliveries(
      sharedContext.manager!,
      inputs.map((input) => ({ ...input, max_attempts: input.max_attempts ?? maxAttempts }))
    )
  }

  /** Makes a failed, dead or waiting delivery due now with a fresh set of attempts. */
  @InjectManager()
  async requeueDelivery(
    id: string,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<DeliveryRecord> {
    const row = await requeueDelivery(sharedContext.manager!, id)
    if (!row) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Delivery ${id} cannot be retried in its current status`)
    }
    return row
  }

  /** Failed or dead deliveries an admin gives up on become `canceled`; returns those changed. */
  @InjectManager()
  async cancelEndedDeliveries(
    ids: string[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<CanceledDelivery[]> {
    return await cancelEndedDeliveries(sharedContext.manager!, ids)
  }

  @InjectManager()
  async uncancelDeliveries(
    rows: CanceledDelivery[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    await uncancelDeliveries(sharedContext.manager!, rows)
  }

  @InjectManager()
  async restoreDeliveryState(
    previous: Pick<DeliveryRecord, "id" | "status" | "attempts" | "next_attempt_at">,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    await restoreDelivery(sharedContext.manager!, previous)
  }

  /** Per platform: deliveries by outcome (last 24 h and all) and the latest error; for the admin's health view. */
  @InjectManager()
  async summarizeDeliveries(
    platforms: string[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<PlatformDeliveryHealth[]> {
    return await summarizeDeliveries(sharedContext.manager!, platforms)
  }

  /** When the next outbox row waiting for an attempt becomes due (a retry, a new row); null when none waits. */
  @InjectManager()
  async nextDeliveryDueAt(@MedusaContext() sharedContext: Context<SqlEntityManager> = {}): Promise<Date | null> {
    return await nextDeliveryDueAt(sharedContext.manager!)
  }

  /**
   * Sends what is due: per platform, keeps calls in flight at its concurrency limit (counted across
   * every process, see `claim.ts`) while rows are due, and records each outcome as it comes.
   * Safe to run in several processes. `ids` narrows it to rows just enqueued (the prompt attempt
   * after enqueuing); `max_ms` ends the claiming after that long (the calls in flight still end).
   */
  @InjectManager()
  async dispatchDueDeliveries(
    args: { ids?: string[]; platforms?: string[]; max_ms?: number } = {},
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<DispatchSummary> {
    const manager = sharedContext.manager!
    const { outbox, platforms, transport } = this.deps_
    const summary: DispatchSummary = { claimed: 0, delivered: 0, retrying: 0, failed: 0, dead: 0, dry_run: 0 }
    await this.buryAbandoned_({ manager })
    const deadline = Date.now() + (args.max_ms ?? outbox.lease_ms)
    // a prompt dispatch pumps only the platforms its rows are for, not a claim on every platform
    const pending = args.ids ? await platformsOfPending(manager, args.ids) : null
    const platformIds = [...platforms.keys()].filter(
      (id) => (!args.platforms || args.platforms.includes(id)) && (!pending || pending.includes(id))
    )
    // outcomes gathered for up to 10 ms, or half the slots: at a platform's lower concurrency answers
    // come slower than writes end, and each would be a statement (or a transaction) of its own. Not
    // longer: outcomes not yet written hold back a platform's claims once they are as many as its
    // slots (pump.ts), and at 16 slots answered in 20 ms a 20 ms gather reaches that
    const slots = platformIds.reduce((sum, id) => sum + platforms.get(id)!.options.concurrency, 0)
    const writer = new OutcomeWriter(manager, (batch) => this.recordOutcomes_(batch, { manager }), 200, 4, {
      rows: Math.max(1, Math.ceil(slots / 2)),
      ms: 10,
    })
    await Promise.all(
      platformIds.map(async (platformId) => {
        summary.claimed += await pumpPlatform({
          manager,
          platformId,
          options: platforms.get(platformId)!.options,
          outbox,
          ids: args.ids,
          attempt: async (delivery, answered) => {
            const recorded = await this.attemptClaimed(manager, platformId, delivery, writer, answered)
            if (recorded) {
              summary[recorded.status === "pending" ? "retrying" : recorded.status]++
            }
          },
          release: (rows) => this.releaseUnsent_(rows, { manager }),
          stop: () => Date.now() >= deadline || transport.isPaused(platformId),
        })
      })
    )
    return summary
  }

  protected async attemptClaimed(
    manager: SqlEntityManager,
    platformId: string,
    delivery: DeliveryRecord,
    writer: OutcomeWriter,
    /** told once the platform has answered (or the attempt was built without a call) */
    onAnswered: () => void = () => undefined
  ): Promise<RecordedOutcome | { status: "dry_run" } | null> {
    const enabled = this.deps_.platforms.get(platformId)!
    const inDryRun = this.deps_.dryRun
      ? await this.deps_.dryRun(platformId, enabled.options.dry_run)
      : isDryRun(this.deps_.outbox, enabled.options)
    const dryRun = inDryRun ? buildDryRun(enabled, delivery) : undefined
    if (dryRun && "request" in dryRun) {
      onAnswered()
      const saved = await this.recordDryRun_(dryRun.request, delivery, { manager })
      return saved ? { status: "dry_run" } : null
    }
    // under dry-run, a row the platform cannot build fails as it would when sent
    const outcome = dryRun?.outcome ?? (await this.deps_.transport.send(enabled, delivery))
    onAnswered()
    const recorded = toRecordedOutcome(delivery, outcome, this.deps_.outbox)
    if (recorded.status !== "delivered") {
      this.deps_.logger.warn(
        `engagement: ${platformId} ${delivery.operation} ${delivery.id} attempt ${delivery.attempts} -> ${recorded.status}: ${withoutContactDetails(recorded.last_error ?? "")}`
      )
    }
    if (recorded.refund_attempt) {
      // the whole platform waits, not only this row: this process sends it nothing until then
      // (other processes learn it from the row, see claim.ts)
      this.deps_.transport.pause(platformId, recorded.retry_in_ms ?? 0)
    }
    // recorded with its neighbours' outcomes (the writer); with its consequences when it has some
    const saved = await writer.record({
      recorded,
      attempt: delivery.attempts,
      outcome: recorded.refund_attempt || this.deps_.outcomes.wants(delivery) ? outcome : undefined,
    })
    return saved ? recorded : null
  }

  /** Hands back claimed rows that were never attempted (see `releaseUnsent`). */
  @InjectManager()
  protected async releaseUnsent_(
    rows: DeliveryRecord[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    await releaseUnsent(sharedContext.manager!, rows)
  }

  /**
   * Ends the rows whose worker died on their last attempt as dead, and tells what waited on them
   * (a review request, a contact's sync, which may fall back to another call), atomically.
   */
  @InjectTransactionManager()
  protected async buryAbandoned_(@MedusaContext() sharedContext: Context<SqlEntityManager> = {}): Promise<void> {
    const manager = sharedContext.transactionManager!
    for (const buried of await buryAbandonedDeliveries(manager)) {
      this.deps_.logger.warn(
        `engagement: ${buried.platform} ${buried.operation} ${buried.id} -> dead: no outcome recorded for its last attempt`
      )
      await this.deps_.outcomes.apply(manager, buried, {
        kind: "retry",
        reason: buried.last_error ?? "no outcome recorded",
      })
    }
  }

  /**
   * Ends a claimed row as `dry_run` with the request it would have sent. Whatever waits on it is
   * told it was not sent (a review request ends `failed` with the reason "dry run: not sent"; a
   * contact's sync settles as not sent), in the same transaction.
   */
  @InjectTransactionManager()
  protected async recordDryRun_(
    request: DryRunRequest,
    delivery: DeliveryRecord,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<DeliveryRecord | null> {
    const manager = sharedContext.transactionManager!
    const saved = await recordDryRun(manager, delivery, request)
    if (saved && this.deps_.outcomes.wants(saved)) {
      await this.deps_.outcomes.apply(
        manager,
        { ...saved, status: "failed", last_error: DRY_RUN_REASON },
        { kind: "failed", reason: DRY_RUN_REASON }
      )
    }
    return saved
  }

  /**
   * Records several attempts' outcomes with their consequences, atomically: one statement for the
   * rows, then for each saved one with an `outcome`, what it means for whoever made the delivery
   * (its handlers) and a 429's pause of the platform's other rows. Returns the ids saved (a row
   * whose claim was taken over is not, and nothing follows from it).
   */
  @InjectTransactionManager()
  protected async recordOutcomes_(
    batch: PendingOutcome[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<Set<string>> {
    const manager = sharedContext.transactionManager!
    const pending = new Map(batch.map((entry) => [entry.recorded.id, entry]))
    const saved = await recordOutcomes(manager, batch)
    const told: { ended: DeliveryRecord; outcome: DeliveryOutcome }[] = []
    for (const row of saved) {
      const { recorded, outcome } = pending.get(row.id)!
      if (recorded.refund_attempt) {
        await postponePlatform(manager, row.platform, recorded.retry_in_ms ?? 0)
      }
      if (outcome && this.deps_.outcomes.wants(row)) {
        told.push({ ended: row, outcome })
      }
    }
    await this.deps_.outcomes.applyAll(manager, told)
    return new Set(saved.map((row) => row.id))
  }
}
