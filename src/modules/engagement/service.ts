import type { Context, Logger } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import Checkout from "./models/checkout"
import Consent from "./models/consent"
import ConsentConfirmation from "./models/consent-confirmation"
import ContactProfile from "./models/contact-profile"
import ContactSync from "./models/contact-sync"
import Delivery from "./models/delivery"
import Erasure from "./models/erasure"
import LinkUse from "./models/link-use"
import OrderFact from "./models/order-fact"
import ReviewRequest from "./models/review-request"
import ReviewContact from "./models/review-contact"
import ReviewWebhookReceipt from "./models/review-webhook-receipt"
import { ContactSyncRunner } from "./contact-sync/runner"
import type { CheckoutOutcomeRow } from "./consents/checkouts"
import { ConsentLedger } from "./consents/ledger"
import type { LinkAction, LinkClaims } from "./consents/link-token"
import { ConsentLinks } from "./consents/links"
import { parseEngagementOptions, ResolvedEngagementOptions } from "./options"
import { outboxConsumers } from "./outbox-consumers"
import { eraseCustomerData, EraseCustomerInput, EraseCustomerResult } from "./privacy/erase"
import { Outbox } from "./outbox/outbox"
import { PlatformTransport } from "./outbox/transport"
import type { EngagementCapability } from "./provider-api/capabilities"
import type { AbstractEngagementProvider } from "./provider-api/provider"
import { assertLeasesCover, providersWith, ProviderWith, resolveProviders } from "./provider-api/registry"
import { claimDueReviewRequests, insertReviewRequest } from "./review-requests/queries"
import type { ContactStatistics } from "./statistics/compute"
import { ContactStatisticsStore } from "./statistics/contact-statistics"
import type { OrderFactInput } from "./statistics/queries"
import type * as T from "./types"

type Ctx = Context<SqlEntityManager>
export type { DispatchSummary } from "./outbox/outbox"

/**
 * The engagement module: the outbox of calls to marketing platforms, contact profiles and the
 * consent ledger. A façade over one file per concern: the outbox (`outbox/outbox.ts`) and its
 * transport, the contact sync (`contact-sync/runner.ts`), the consent ledger and links
 * (`consents/`), statistics. Platforms are module providers the loader registers; with none the
 * module still records everything and the built-in local behaviour works.
 */
const MODELS = { Delivery, ContactProfile, Consent, ReviewRequest, LinkUse, OrderFact, ContactSync, ConsentConfirmation, Checkout, ReviewContact, ReviewWebhookReceipt, Erasure }

export default class EngagementModuleService extends MedusaService(MODELS) {
  protected readonly options_: ResolvedEngagementOptions
  protected readonly platforms_: Map<string, AbstractEngagementProvider>
  protected readonly transport_: PlatformTransport
  protected readonly outbox_: Outbox
  protected readonly contactSync_: ContactSyncRunner
  protected readonly ledger_: ConsentLedger
  protected readonly links_: ConsentLinks
  protected readonly statistics_: ContactStatisticsStore

  constructor(container: { logger: Logger; baseRepository: unknown } & Record<string, unknown>, options: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    const { logger, baseRepository } = container
    this.options_ = EngagementModuleService.validateOptions(options)
    this.platforms_ = resolveProviders(container)
    assertLeasesCover(this.options_.outbox.lease_ms, this.platforms_.values())
    this.transport_ = new PlatformTransport(this.platforms_.values())
    this.outbox_ = new Outbox(baseRepository, {
      logger,
      outbox: this.options_.outbox,
      platforms: this.platforms_,
      transport: this.transport_,
      outcomes: outboxConsumers(this.platforms_.values(), this.options_.outbox.max_attempts),
    })
    const keepingContacts = this.providersWith("contact_copies").map(({ id }) => [id, this.platforms_.get(id)!] as const)
    this.contactSync_ = new ContactSyncRunner(baseRepository, {
      logger,
      options: this.options_,
      platforms: new Map(keepingContacts),
      outbox: this.outbox_,
    })
    this.ledger_ = new ConsentLedger(baseRepository, this.options_.consents, this)
    this.links_ = new ConsentLinks(this.options_.consents)
    this.statistics_ = new ContactStatisticsStore(baseRepository, this.options_.statistics.rfm)
  }

  /** Called at start-up: a wrong option stops the server with a message that names it. */
  static validateOptions(options: unknown): ResolvedEngagementOptions {
    return parseEngagementOptions(options)
  }

  getOptions(): ResolvedEngagementOptions {
    return this.options_
  }

  /** The switched-on providers with a capability: how callers find a platform for a job without naming one. */
  providersWith<C extends EngagementCapability>(capability: C): ProviderWith<C>[] {
    return providersWith(this.platforms_.values(), capability)
  }

  /** Every switched-on provider: id, name and operations (never its options). */
  listProviders(): { id: string; name: string; operations: string[] }[] {
    return [...this.platforms_.values()].map(({ id, displayName, platform }) => ({ id, name: displayName, operations: [...platform.operations] }))
  }

  isPlatformEnabled(platform: string): boolean {
    return this.platforms_.has(platform)
  }

  // outbox (outbox/outbox.ts)
  enqueueDeliveries(inputs: T.EnqueueDeliveryInput[], sharedContext?: Ctx) {
    return this.outbox_.enqueueDeliveries(inputs, sharedContext)
  }
  dispatchDueDeliveries(args: { ids?: string[]; platforms?: string[]; max_ms?: number } = {}, sharedContext?: Ctx) {
    return this.outbox_.dispatchDueDeliveries(args, sharedContext)
  }
  requeueDelivery(id: string, sharedContext?: Ctx) {
    return this.outbox_.requeueDelivery(id, sharedContext)
  }
  restoreDeliveryState(previous: Pick<T.DeliveryRecord, "id" | "status" | "attempts" | "next_attempt_at">, sharedContext?: Ctx) {
    return this.outbox_.restoreDeliveryState(previous, sharedContext)
  }
  summarizeDeliveries(platforms: string[], sharedContext?: Ctx) {
    return this.outbox_.summarizeDeliveries(platforms, sharedContext)
  }
  /** How many outbox rows there are: exact when few, estimated when many (see `outbox/count.ts`). */
  countAllDeliveries(sharedContext?: Ctx) {
    return this.outbox_.countAllDeliveries(sharedContext)
  }
  platformPausedUntil(platform: string): Date | null {
    return this.transport_.pausedUntil(platform)
  }

  /** Erases everything the module holds about one shopper, in one transaction (privacy/erase.ts). */
  @InjectTransactionManager()
  async eraseCustomerData(input: Omit<EraseCustomerInput, "max_attempts">, @MedusaContext() ctx: Ctx = {}): Promise<EraseCustomerResult> {
    return await eraseCustomerData(ctx.transactionManager!, { ...input, max_attempts: this.options_.outbox.max_attempts })
  }

  // review requests (review-requests/queries.ts)
  /** Creates the order's review request, or returns the one it has (`created: false`). */
  @InjectManager()
  async scheduleReviewRequest(input: T.ScheduleReviewRequestInput, @MedusaContext() ctx: Ctx = {}) {
    return await insertReviewRequest(ctx.manager!, input)
  }

  /** Claims review requests whose send time has come, for this process only. */
  @InjectManager()
  async claimDueReviewRequests(args: { limit?: number } = {}, @MedusaContext() ctx: Ctx = {}): Promise<T.ReviewRequestRecord[]> {
    const { batch_size, lease_ms } = this.options_.outbox
    return await claimDueReviewRequests(ctx.manager!, { limit: args.limit ?? batch_size, leaseMs: lease_ms })
  }

  // consent ledger and links (consents/)
  getCurrentConsents(customerId: string, sharedContext?: Ctx) {
    return this.ledger_.getCurrentConsents(customerId, sharedContext)
  }
  recordConsentChanges(inputs: T.ConsentChangeInput[], sharedContext?: Ctx) {
    return this.ledger_.recordConsentChanges(inputs, sharedContext)
  }
  noteCheckoutActor(cartId: string, signedInCustomerId: string | null, sharedContext?: Ctx) {
    return this.ledger_.noteCheckoutActor(cartId, signedInCustomerId, sharedContext)
  }
  saveCheckoutOutcome(input: { cart_id: string | null; order_id: string; consents: Record<string, unknown> }, sharedContext?: Ctx) {
    return this.ledger_.saveCheckoutOutcome(input, sharedContext)
  }
  restoreCheckoutOutcome(undo: { id: string; previous: CheckoutOutcomeRow | null }, sharedContext?: Ctx) {
    return this.ledger_.restoreCheckoutOutcome(undo, sharedContext)
  }
  consumeLinkToken(claims: LinkClaims, sharedContext?: Ctx) {
    return this.ledger_.consumeLinkToken(claims, sharedContext)
  }
  signLinkToken(args: { customer_id: string; purpose: string; action: LinkAction; request_id?: string }): string {
    return this.links_.sign(args)
  }
  verifyLinkToken(token: string, action: LinkAction): LinkClaims {
    return this.links_.verify(token, action)
  }

  undoConsentChanges(written: { consent_ids: string[]; request_rounds: { request_id: string; round: number }[] }, sharedContext?: Ctx) {
    return this.ledger_.undoConsentChanges(written, sharedContext)
  }

  // statistics (statistics/contact-statistics.ts)
  recordOrderFact(fact: OrderFactInput, sharedContext?: Ctx) {
    return this.statistics_.recordOrderFact(fact, sharedContext)
  }
  removeOrderFact(orderId: string, sharedContext?: Ctx) {
    return this.statistics_.removeOrderFact(orderId, sharedContext)
  }
  computeContactStatistics(customerId: string, sharedContext?: Ctx): Promise<ContactStatistics> {
    return this.statistics_.computeContactStatistics(customerId, sharedContext)
  }
  recountOrderTotals(sharedContext?: Ctx) {
    return this.statistics_.recountOrderTotals(sharedContext)
  }

  // contact sync (contact-sync/runner.ts)
  contactSyncPlatforms(): string[] {
    return this.contactSync_.platformIds()
  }
  markContactsForSync(customerIds: string[], args: { coalesce_ms?: number; platforms?: string[] } = {}, sharedContext?: Ctx) {
    return this.contactSync_.markContactsForSync(customerIds, args, sharedContext)
  }
  syncDueContacts(args: { platforms?: string[]; customer_ids?: string[] } = {}, sharedContext?: Ctx) {
    return this.contactSync_.syncDueContacts(args, sharedContext)
  }
  runContactSync(args: { customer_ids?: string[]; max_rounds?: number } = {}) {
    return this.contactSync_.runContactSync(args)
  }
  countContactSyncs(platform: string, sharedContext?: Ctx) {
    return this.contactSync_.countContactSyncs(platform, sharedContext)
  }
  resetContactSyncs(customerId: string, platforms?: string[], sharedContext?: Ctx) {
    return this.contactSync_.resetContactSyncs(customerId, platforms, sharedContext)
  }
}
