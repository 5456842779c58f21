import type { Context, Logger } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { EnabledPlatform, resolvePlatforms } from "../../providers"
import Consent from "./models/consent"
import ContactProfile from "./models/contact-profile"
import Delivery from "./models/delivery"
import ReviewRequest from "./models/review-request"
import LinkUse from "./models/link-use"
import OrderFact from "./models/order-fact"
import ContactSync from "./models/contact-sync"
import ConsentConfirmation from "./models/consent-confirmation"
import Checkout from "./models/checkout"
import { planDueContactSyncs, PlanSummary, settleContactSyncs } from "./contact-sync/driver"
import { countContactSyncs, markContactsForSync, resetContactSyncs } from "./contact-sync/queries"
import type { DeliveryOutcome } from "../../providers/types"
import { ContactStatistics, statisticsFromAggregates } from "./statistics/compute"
import { OrderFactInput, removeOrderFact, upsertOrderFact } from "./statistics/queries"
import { aggregatesOf, recountOrderTotals } from "./statistics/totals"
import { currentConsents, CurrentConsent, markLinkUsed } from "./consents/queries"
import { recordConsentChanges } from "./consents/record"
import { CheckoutOutcomeRow, noteCheckoutActor, restoreCheckoutOutcome, saveCheckoutOutcome } from "./consents/checkouts"
import { LinkAction, LinkClaims, signLinkToken, verifyLinkToken } from "./consents/link-token"
import {
  applyDeliveryOutcomeToReviewRequest,
  claimDueReviewRequests,
  insertReviewRequest,
} from "./review-requests/queries"
import { engagementOptionsSchema, ResolvedEngagementOptions } from "./options"
import { claimLimit, leaseTooShort } from "./outbox/claim-limit"
import { loggableMessage, withoutContactDetails } from "../../utils/database-errors"
import { toRecordedOutcome } from "./outbox/outcome"
import {
  buryAbandonedDeliveries,
  insertDeliveries,
  postponePlatform,
  recordOutcome,
  RecordedOutcome,
  requeueDelivery,
  restoreDelivery,
} from "./outbox/queries"
import { attemptDelivery } from "./outbox/send"
import { PlatformDeliveryHealth, summarizeDeliveries } from "./outbox/health"
import { Semaphore } from "./outbox/semaphore"
import { claimWithinLimit } from "./outbox/claim"
import { pump } from "./outbox/pump"
import { countAllDeliveries } from "./outbox/count"
import { outcomeHasSideEffects } from "./outbox/side-effects"
import { OutcomeWriter } from "./outbox/outcome-writer"
import type {
  ConsentChangeInput,
  ConsentChangeResult,
  DeliveryRecord,
  EnqueueDeliveryInput,
  EnqueueResult,
  ReviewRequestRecord,
  ScheduleReviewRequestInput,
} from "./types"

type InjectedDependencies = { logger: Logger }

export interface DispatchSummary {
  claimed: number
  delivered: number
  retrying: number
  failed: number
  dead: number
}

/**
 * The engagement module: the outbox of calls to marketing platforms, contact profiles and the
 * consent ledger. Platforms are switched on by the plugin options; with none the module still
 * records everything and the built-in local behaviour works.
 */
export default class EngagementModuleService extends MedusaService({
  Delivery,
  ContactProfile,
  Consent,
  ReviewRequest,
  LinkUse,
  OrderFact,
  ContactSync,
  ConsentConfirmation,
  Checkout,
}) {
  protected readonly logger_: Logger
  protected readonly options_: ResolvedEngagementOptions
  protected readonly platforms_: Map<string, EnabledPlatform>
  protected readonly limiters_ = new Map<string, Semaphore>()
  // platform -> until when this process sends it nothing (a 429 asked us to slow down)
  protected readonly pausedUntil_ = new Map<string, number>()
  protected syncTimer_?: NodeJS.Timeout

  constructor(container: InjectedDependencies, options: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.logger_ = container.logger
    this.options_ = EngagementModuleService.validateOptions(options)
    this.platforms_ = resolvePlatforms(this.options_.platforms)
    const leaseProblem = leaseTooShort(
      this.options_.outbox.lease_ms,
      Object.fromEntries([...this.platforms_].map(([id, { options: platformOptions }]) => [id, platformOptions]))
    )
    if (leaseProblem) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid engagement plugin options: ${leaseProblem}`)
    }
    for (const [id, { options: platformOptions }] of this.platforms_) {
      this.limiters_.set(id, new Semaphore(platformOptions.concurrency))
    }
  }

  /** Called at start-up: a wrong option stops the server with a message that names it. */
  static validateOptions(options: unknown): ResolvedEngagementOptions {
    const parsed = engagementOptionsSchema.safeParse(options ?? {})
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid engagement plugin options: ${problems}`)
    }
    return parsed.data
  }

  getOptions(): ResolvedEngagementOptions {
    return this.options_
  }

  /** A switched-on platform's validated options; undefined when it is off. */
  platformOptions<T = Record<string, unknown>>(platform: string): (T & Record<string, unknown>) | undefined {
    return this.platforms_.get(platform)?.options as (T & Record<string, unknown>) | undefined
  }

  isPlatformEnabled(platform: string): boolean {
    return this.platforms_.has(platform)
  }

  enabledPlatforms(): string[] {
    return [...this.platforms_.keys()]
  }

  /**
   * Writes outbox rows. A key that is already there is left as it is and returned with
   * `created: false`, so enqueuing the same call twice never sends it twice.
   */
  @InjectManager()
  async enqueueDeliveries(
    inputs: EnqueueDeliveryInput[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<EnqueueResult[]> {
    const maxAttempts = this.options_.outbox.max_attempts
    return await insertDeliveries(
      sharedContext.manager!,
      inputs.map((input) => ({ ...input, max_attempts: input.max_attempts ?? maxAttempts }))
    )
  }

  /**
   * Sends what is due: per platform, keeps calls in flight at its concurrency limit (counted across
   * every process, see `outbox/claim.ts`) while rows are due, and records each outcome as it comes.
   * Safe to run in several processes. `ids` narrows it to rows just enqueued (the prompt attempt
   * after enqueuing); `max_ms` ends the claiming after that long (the calls in flight still end).
   */
  @InjectManager()
  async dispatchDueDeliveries(
    args: { ids?: string[]; platforms?: string[]; max_ms?: number } = {},
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<DispatchSummary> {
    const manager = sharedContext.manager!
    const summary: DispatchSummary = { claimed: 0, delivered: 0, retrying: 0, failed: 0, dead: 0 }
    await this.buryAbandoned_({ manager })
    const deadline = Date.now() + (args.max_ms ?? this.options_.outbox.lease_ms)
    const platformIds = [...this.platforms_.keys()].filter((id) => !args.platforms || args.platforms.includes(id))
    const writer = new OutcomeWriter(manager)
    await Promise.all(
      platformIds.map(async (platformId) => {
        const { options } = this.platforms_.get(platformId)!
        summary.claimed += await pump<DeliveryRecord>({
          concurrency: options.concurrency,
          refill: Math.ceil(options.concurrency / 4),
          claim: (count) =>
            claimWithinLimit(manager, {
              platform: platformId,
              limit: Math.min(count, claimLimit(this.options_.outbox, options)),
              concurrency: options.concurrency,
              leaseMs: this.options_.outbox.lease_ms,
              ids: args.ids,
            }),
          attempt: async (delivery) => {
            const recorded = await this.attemptClaimed(manager, platformId, delivery, writer)
            if (recorded) {
              summary[recorded.status === "pending" ? "retrying" : recorded.status]++
            }
          },
          stop: () => Date.now() >= deadline || (this.pausedUntil_.get(platformId) ?? 0) > Date.now(),
        })
      })
    )
    return summary
  }

  protected async attemptClaimed(
    manager: SqlEntityManager,
    platformId: string,
    delivery: DeliveryRecord,
    writer?: OutcomeWriter
  ): Promise<RecordedOutcome | null> {
    const { platform, options } = this.platforms_.get(platformId)!
    const outcome = await this.limiters_.get(platformId)!.run(() => attemptDelivery(platform, options, delivery))
    const recorded = toRecordedOutcome(delivery, outcome, this.options_.outbox)
    if (recorded.status !== "delivered") {
      this.logger_.warn(
        `engagement: ${platformId} ${delivery.operation} ${delivery.id} attempt ${delivery.attempts} -> ${recorded.status}: ${withoutContactDetails(recorded.last_error ?? "")}`
      )
    }
    if (recorded.refund_attempt) {
      // the whole platform waits, not only this row: this process sends it nothing until then
      const until = Date.now() + (recorded.retry_in_ms ?? 0)
      this.pausedUntil_.set(platformId, Math.max(this.pausedUntil_.get(platformId) ?? 0, until))
    }
    const saved = outcomeHasSideEffects(delivery, recorded)
      ? await this.recordAttempt_(platformId, recorded, outcome, delivery.attempts, { manager })
      : writer
        ? await writer.record(recorded, delivery.attempts)
        : await recordOutcome(manager, recorded, delivery.attempts)
    return saved ? recorded : null
  }

  /**
   * Ends the rows whose worker died on their last attempt as dead, and tells what waited on them
   * (a review request, a contact's sync, which may fall back to another call), atomically.
   */
  @InjectTransactionManager()
  protected async buryAbandoned_(@MedusaContext() sharedContext: Context<SqlEntityManager> = {}): Promise<void> {
    const manager = sharedContext.transactionManager!
    for (const buried of await buryAbandonedDeliveries(manager)) {
      this.logger_.warn(`engagement: ${buried.platform} ${buried.operation} ${buried.id} -> dead: no outcome recorded for its last attempt`)
      await this.applyOutcome_(manager, buried, { kind: "retry", reason: buried.last_error ?? "no outcome recorded" })
    }
  }

  /** What a row's end means for its review request and the contacts it carried. */
  protected async applyOutcome_(manager: SqlEntityManager, saved: DeliveryRecord, outcome: DeliveryOutcome): Promise<void> {
    if (saved.subject_id?.startsWith("engrr_")) {
      await applyDeliveryOutcomeToReviewRequest(manager, saved)
    }
    const enabled = this.platforms_.get(saved.platform)
    if (enabled) {
      await settleContactSyncs(manager, enabled, saved, outcome, this.options_.outbox.max_attempts)
    }
  }

  /** Records an attempt's outcome and what it means for its review request or contacts, atomically. */
  @InjectTransactionManager()
  protected async recordAttempt_(
    platformId: string,
    recorded: RecordedOutcome,
    outcome: DeliveryOutcome,
    claimedAttempt: number,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<DeliveryRecord | null> {
    const manager = sharedContext.transactionManager!
    const saved = await recordOutcome(manager, recorded, claimedAttempt)
    if (!saved) {
      return null
    }
    if (recorded.refund_attempt) {
      await postponePlatform(manager, platformId, recorded.retry_in_ms ?? 0)
    }
    await this.applyOutcome_(manager, saved, outcome)
    return saved
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

  @InjectManager()
  async restoreDeliveryState(
    previous: Pick<DeliveryRecord, "id" | "status" | "attempts" | "next_attempt_at">,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    await restoreDelivery(sharedContext.manager!, previous)
  }

  /** Creates the order's review request, or returns the one it has (`created: false`). */
  @InjectManager()
  async scheduleReviewRequest(
    input: ScheduleReviewRequestInput,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<{ review_request: ReviewRequestRecord; created: boolean }> {
    return await insertReviewRequest(sharedContext.manager!, input)
  }

  /** Claims review requests whose send time has come, for this process only. */
  @InjectManager()
  async claimDueReviewRequests(
    args: { limit?: number } = {},
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<ReviewRequestRecord[]> {
    return await claimDueReviewRequests(sharedContext.manager!, {
      limit: args.limit ?? this.options_.outbox.batch_size,
      leaseMs: this.options_.outbox.lease_ms,
    })
  }

  /** The current value of each consent purpose of a customer (latest ledger row). */
  @InjectManager()
  async getCurrentConsents(
    customerId: string,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<CurrentConsent[]> {
    return await currentConsents(sharedContext.manager!, customerId)
  }

  /** Records consent changes in one transaction, serialised per customer and purpose (see `consents/record.ts`). */
  @InjectTransactionManager()
  async recordConsentChanges(
    inputs: ConsentChangeInput[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<ConsentChangeResult> {
    return await recordConsentChanges(sharedContext.transactionManager!, inputs, this.options_.consents)
  }

  /** Undoes {@link recordConsentChanges}: removes the rows and confirmation notes it wrote. */
  @InjectTransactionManager()
  async undoConsentChanges(
    written: { consent_ids: string[]; request_rounds: { request_id: string; round: number }[] },
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    if (written.consent_ids.length) {
      await this.deleteConsents(written.consent_ids, sharedContext)
    }
    for (const { request_id, round } of written.request_rounds) {
      const notes = await this.listConsentConfirmations({ request_id, round }, { select: ["id"] }, sharedContext)
      if (notes.length) {
        await this.deleteConsentConfirmations(notes.map((note) => note.id), sharedContext)
      }
    }
  }

  /**
   * Notes who completes a cart, from the request's authentication: the signed-in customer, or null
   * for a guest. Checkout consents are recorded only for a customer noted here.
   */
  @InjectManager()
  async noteCheckoutActor(
    cartId: string,
    signedInCustomerId: string | null,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    await noteCheckoutActor(sharedContext.manager!, cartId, signedInCustomerId)
  }

  /** Keeps what became of an order's checkout choices; returns what it replaced, for the compensation. */
  @InjectManager()
  async saveCheckoutOutcome(
    input: { cart_id: string | null; order_id: string; consents: Record<string, unknown> },
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<{ id: string; previous: CheckoutOutcomeRow | null }> {
    return await saveCheckoutOutcome(sharedContext.manager!, input)
  }

  @InjectManager()
  async restoreCheckoutOutcome(
    undo: { id: string; previous: CheckoutOutcomeRow | null },
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    await restoreCheckoutOutcome(sharedContext.manager!, undo)
  }

  /** A signed link token for an email: unsubscribe from, or confirm, one purpose. */
  signLinkToken(args: { customer_id: string; purpose: string; action: LinkAction; request_id?: string }): string {
    const consents = this.options_.consents
    const ttl = args.action === "confirm" ? consents.confirmation_ttl : consents.unsubscribe_ttl
    return signLinkToken({ ...args, ttl_ms: ttl }, consents.link_secret)
  }

  /**
   * Verifies a link token: a tampered or malformed one is invalid data, an expired one is not
   * allowed, one for a purpose no longer configured is refused. Changes nothing.
   */
  verifyLinkToken(token: string, action: LinkAction): LinkClaims {
    const result = verifyLinkToken(token, this.options_.consents.link_secret)
    if (!result.ok) {
      const message =
        result.error === "expired" ? "The link has expired" : "The link is not valid (it was changed or is incomplete)"
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `token: ${message}`)
    }
    if (result.claims.a !== action) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `token: this link is not a ${action} link`)
    }
    if (!this.options_.consents.purposes[result.claims.p]) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `token: unknown consent purpose ${result.claims.p}`)
    }
    return result.claims
  }

  /** Uses a link once; a second use of the same link is a conflict. */
  @InjectManager()
  async consumeLinkToken(
    claims: LinkClaims,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    const first = await markLinkUsed(sharedContext.manager!, {
      nonce: claims.n,
      customer_id: claims.c,
      purpose: claims.p,
      action: claims.a,
    })
    if (!first) {
      throw new MedusaError(MedusaError.Types.CONFLICT, "token: this link has already been used")
    }
  }

  /** Records (or replaces) the statistics fact of one order. */
  @InjectManager()
  async recordOrderFact(fact: OrderFactInput, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}): Promise<void> {
    await upsertOrderFact(sharedContext.manager!, fact)
  }

  /** A customer's purchase statistics, from their order facts and the configured RFM thresholds. */
  @InjectManager()
  async computeContactStatistics(
    customerId: string,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<ContactStatistics> {
    // incremental: the customer's running totals and two indexed reads, not all their order facts
    const aggregates = await aggregatesOf(sharedContext.manager!, customerId)
    return statisticsFromAggregates(aggregates, this.options_.statistics.rfm)
  }

  /** Makes the running order totals the sum of the order facts again (the rebuild command). */
  @InjectManager()
  async recountOrderTotals(@MedusaContext() sharedContext: Context<SqlEntityManager> = {}): Promise<void> {
    await recountOrderTotals(sharedContext.manager!)
  }

  /** Removes an order's statistics fact and its part of the customer's totals (a compensation). */
  @InjectManager()
  async removeOrderFact(orderId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}): Promise<void> {
    await removeOrderFact(sharedContext.manager!, orderId)
  }

  /** The switched-on platforms that keep a copy of every contact. */
  contactSyncPlatforms(): string[] {
    return [...this.platforms_.values()].filter(({ platform }) => platform.contactSync).map(({ platform }) => platform.id)
  }

  /**
   * Notes that these contacts changed. Nothing is sent yet: once the coalescing window has passed,
   * {@link syncDueContacts} sends each platform what changed, in one call per contact and platform.
   */
  @InjectManager()
  async markContactsForSync(
    customerIds: string[],
    args: { coalesce_ms?: number; platforms?: string[] } = {},
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<number> {
    const platforms = this.contactSyncPlatforms().filter((id) => !args.platforms || args.platforms.includes(id))
    if (!platforms.length || !customerIds.length || !this.options_.contact_sync.enabled) {
      return 0
    }
    const coalesceMs = args.coalesce_ms ?? this.options_.contact_sync.coalesce_ms
    const marked = await markContactsForSync(sharedContext.manager!, { customer_ids: customerIds, platforms, coalesce_ms: coalesceMs })
    this.scheduleContactSync(coalesceMs)
    return marked
  }

  /**
   * Runs the contact sync in this process once the window has passed, so changes reach the
   * platforms within seconds; the minute job is the durable fallback (a restart loses the timer only).
   */
  protected scheduleContactSync(delayMs: number): void {
    if (this.syncTimer_ || !this.options_.contact_sync.prompt) {
      return
    }
    this.syncTimer_ = setTimeout(() => {
      this.syncTimer_ = undefined
      this.runContactSync().catch((error) => this.logger_.warn(`engagement contact sync: ${loggableMessage(error)}`))
    }, delayMs + 250)
    this.syncTimer_.unref()
  }

  /** Plans and writes to the outbox the next call of every contact whose changes are due. */
  @InjectManager()
  async syncDueContacts(
    args: { platforms?: string[]; customer_ids?: string[] } = {},
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<PlanSummary> {
    const total: PlanSummary = { planned: 0, done: 0, blocked: 0 }
    for (const platformId of this.contactSyncPlatforms()) {
      if (args.platforms && !args.platforms.includes(platformId)) {
        continue
      }
      const summary = await this.planContactSyncs_(platformId, args.customer_ids, { manager: sharedContext.manager })
      total.planned += summary.planned
      total.done += summary.done
      total.blocked += summary.blocked
    }
    return total
  }

  @InjectTransactionManager()
  protected async planContactSyncs_(
    platformId: string,
    customerIds: string[] | undefined,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<PlanSummary> {
    return await planDueContactSyncs(sharedContext.transactionManager!, this.platforms_.get(platformId)!, {
      context: { purposes: this.options_.consents.purposes },
      limit: this.options_.outbox.batch_size,
      max_attempts: this.options_.outbox.max_attempts,
      customer_ids: customerIds,
    })
  }

  /**
   * Brings due contacts up to date: plans their calls, sends them, and follows on (a lookup answered
   * leads to a create or an update) until nothing more is due now. Retries wait for the sweep.
   */
  async runContactSync(args: { customer_ids?: string[]; max_rounds?: number } = {}): Promise<{ planned: number; delivered: number }> {
    const platforms = this.contactSyncPlatforms()
    const totals = { planned: 0, delivered: 0 }
    for (let round = 0; round < (args.max_rounds ?? 20) && platforms.length; round++) {
      const planned = await this.syncDueContacts({ customer_ids: args.customer_ids })
      const dispatched = await this.dispatchDueDeliveries({ platforms })
      totals.planned += planned.planned
      totals.delivered += dispatched.delivered
      if (!planned.planned && !dispatched.claimed) {
        break
      }
    }
    return totals
  }

  /** Per platform: deliveries by outcome (last 24 h and all) and the latest error; for the admin's health view. */
  @InjectManager()
  async summarizeDeliveries(
    platforms: string[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<PlatformDeliveryHealth[]> {
    return await summarizeDeliveries(sharedContext.manager!, platforms)
  }

  /** How many outbox rows there are: exact when few, estimated when many (see `outbox/count.ts`). */
  @InjectManager()
  async countAllDeliveries(@MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await countAllDeliveries(sharedContext.manager!)
  }

  /** Until when this process sends a platform nothing because it answered 429; null when not paused. */
  platformPausedUntil(platform: string): Date | null {
    const until = this.pausedUntil_.get(platform) ?? 0
    return until > Date.now() ? new Date(until) : null
  }

  /** Per platform, how many contacts are in each sync status. */
  @InjectManager()
  async countContactSyncs(
    platform: string,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await countContactSyncs(sharedContext.manager!, platform)
  }

  /** Forgets what platforms were sent about a contact (and their ids), so the next sync looks it up and sends everything. */
  @InjectManager()
  async resetContactSyncs(
    customerId: string,
    platforms?: string[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    await resetContactSyncs(sharedContext.manager!, { customer_id: customerId, platforms })
  }
}
