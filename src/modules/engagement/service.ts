import type { Logger, ModuleJoinerConfig } from "@medusajs/framework/types"
import { defineJoinerConfig, MedusaService } from "@medusajs/framework/utils"
import { ContactSyncRunner } from "./contact-sync/runner"
import { ConsentLedger } from "./consents/ledger"
import { ConsentLinks } from "./consents/links"
import { ENGAGEMENT_MODELS } from "./models"
import { parseEngagementOptions, ResolvedEngagementOptions } from "./options"
import { outboxConsumers } from "./outbox-consumers"
import { Outbox } from "./outbox/outbox"
import { PlatformTransport } from "./outbox/transport"
import { Erasures } from "./privacy/erasures"
import type { EngagementCapability } from "../../provider-api/capabilities"
import { ENGAGEMENT_MODULE, type AbstractEngagementProvider } from "../../provider-api/provider"
import { assertLeasesCover, providersWith, ProviderWith, resolveProviders } from "./provider-registry"
import { ReconciliationStore } from "./reconciliation/reconciliation-store"
import { ReviewRequestStore } from "./review-requests/review-request-store"
import { EngagementCharts } from "./statistics/charts"
import { ContactStatisticsStore } from "./statistics/contact-statistics"
import { EngagementSettings } from "./settings/settings-store"

export type { DispatchSummary } from "./outbox/outbox"

// the joiner config Module would build, built once: Medusa rebuilds it (a GraphQL schema of every
// model) on each call, and every generated update's events ask for it (a quarter of a review request's CPU)
let joinerConfig: ModuleJoinerConfig | undefined

/**
 * The engagement module: the outbox of calls to marketing platforms, contact profiles and the
 * consent ledger. A façade over one file per concern: the outbox (`outbox/outbox.ts`) and its
 * transport, the contact sync (`contact-sync/runner.ts`), the consent ledger and links
 * (`consents/`), review requests, statistics and erasure. Each method below hands its arguments to
 * its concern unchanged (the signatures live there). Platforms are module providers the loader
 * registers; with none the module still records everything and the built-in local behaviour works.
 */
export default class EngagementModuleService extends MedusaService(ENGAGEMENT_MODELS) {
  protected readonly options_: ResolvedEngagementOptions
  protected readonly platforms_: Map<string, AbstractEngagementProvider>
  protected readonly transport_: PlatformTransport
  protected readonly outbox_: Outbox
  protected readonly contactSync_: ContactSyncRunner
  protected readonly ledger_: ConsentLedger
  protected readonly links_: ConsentLinks
  protected readonly statistics_: ContactStatisticsStore
  protected readonly reviewRequests_: ReviewRequestStore
  protected readonly erasures_: Erasures
  protected readonly reconciliation_: ReconciliationStore
  protected readonly settings_: EngagementSettings
  protected readonly charts_: EngagementCharts

  __joinerConfig(): ModuleJoinerConfig {
    return (joinerConfig ??= defineJoinerConfig(ENGAGEMENT_MODULE, { models: Object.values(ENGAGEMENT_MODELS) }))
  }

  constructor(container: { logger: Logger; baseRepository: unknown } & Record<string, unknown>, options: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    const { logger, baseRepository } = container
    const resolved = (this.options_ = EngagementModuleService.validateOptions(options))
    this.platforms_ = resolveProviders(container)
    assertLeasesCover(resolved.outbox.lease_ms, this.platforms_.values())
    this.settings_ = new EngagementSettings(baseRepository, resolved, () => [...this.platforms_.keys()])
    this.transport_ = new PlatformTransport(this.platforms_.values())
    // the review requests' state is written by the generated `updateReviewRequests`, also when a delivery settles it
    this.reviewRequests_ = new ReviewRequestStore(baseRepository, resolved.outbox)
    const outcomes = outboxConsumers(this.platforms_.values(), resolved.outbox.max_attempts, this.reviewRequests_)
    const { platforms_: platforms, transport_: transport } = this
    const dryRun = this.settings_.isDryRun.bind(this.settings_)
    this.outbox_ = new Outbox(baseRepository, {
      logger,
      outbox: resolved.outbox,
      platforms,
      transport,
      outcomes,
      dryRun,
    })
    const keepingContacts = new Map(this.providersWith("contact_copies").map(({ id }) => [id, platforms.get(id)!]))
    const sync = { logger, options: resolved, platforms: keepingContacts, outbox: this.outbox_ }
    this.contactSync_ = new ContactSyncRunner(baseRepository, sync)
    this.ledger_ = new ConsentLedger(baseRepository, resolved.consents, this)
    this.links_ = new ConsentLinks(resolved.consents)
    this.statistics_ = new ContactStatisticsStore(baseRepository, resolved.statistics.rfm)
    this.erasures_ = new Erasures(baseRepository)
    this.reconciliation_ = new ReconciliationStore(baseRepository)
    this.charts_ = new EngagementCharts(baseRepository)
  }

  /** Called at start-up: a wrong option stops the server with a message that names it. */
  static validateOptions(options: unknown): ResolvedEngagementOptions {
    return parseEngagementOptions(options)
  }

  /** The options as configured: the defaults of the settings an owner can save in the admin. */
  getOptions(): ResolvedEngagementOptions {
    return this.options_
  }

  // settings saved in the admin (settings/settings-store.ts)
  effectiveOptions() {
    return this.settings_.effectiveOptions()
  }
  settingsAreaIds() {
    return this.settings_.settingsAreaIds()
  }
  describeSettingsArea(...args: Parameters<EngagementSettings["describeSettingsArea"]>) {
    return this.settings_.describeSettingsArea(...args)
  }
  parseSettingsValues(...args: Parameters<EngagementSettings["parseSettingsValues"]>) {
    return this.settings_.parseSettingsValues(...args)
  }
  listSettingVersions(...args: Parameters<EngagementSettings["listSettingVersions"]>) {
    return this.settings_.listSettingVersions(...args)
  }
  retrieveSettingVersion(...args: Parameters<EngagementSettings["retrieveSettingVersion"]>) {
    return this.settings_.retrieveSettingVersion(...args)
  }
  saveSettingVersion(...args: Parameters<EngagementSettings["saveSettingVersion"]>) {
    return this.settings_.saveSettingVersion(...args)
  }
  countScheduledOnDelay() {
    return this.settings_.countScheduledOnDelay()
  }

  /** The switched-on providers with a capability: how callers find a platform for a job without naming one. */
  providersWith<C extends EngagementCapability>(capability: C): ProviderWith<C>[] {
    return providersWith(this.platforms_.values(), capability)
  }

  /** Every switched-on provider: id, name, operations and what each does in words (never its options). */
  listProviders(): { id: string; name: string; operations: string[]; operation_labels: Record<string, string> }[] {
    return [...this.platforms_.values()].map(({ id, displayName, platform }) => ({
      id,
      name: displayName,
      operations: [...platform.operations],
      operation_labels: { ...platform.operationLabels },
    }))
  }

  /** Whether a switched-on platform's calls are built and stored, never sent, right now (saved settings, then options). */
  async isPlatformInDryRun(platform: string): Promise<boolean> {
    const enabled = this.platforms_.get(platform)
    return enabled ? await this.settings_.isDryRun(platform, enabled.options.dry_run) : false
  }

  // outbox (outbox/outbox.ts)
  enqueueDeliveries(...args: Parameters<Outbox["enqueueDeliveries"]>) {
    return this.outbox_.enqueueDeliveries(...args)
  }
  dispatchDueDeliveries(...args: Parameters<Outbox["dispatchDueDeliveries"]>) {
    return this.outbox_.dispatchDueDeliveries(...args)
  }
  requeueDelivery(...args: Parameters<Outbox["requeueDelivery"]>) {
    return this.outbox_.requeueDelivery(...args)
  }
  cancelEndedDeliveries(...args: Parameters<Outbox["cancelEndedDeliveries"]>) {
    return this.outbox_.cancelEndedDeliveries(...args)
  }
  uncancelDeliveries(...args: Parameters<Outbox["uncancelDeliveries"]>) {
    return this.outbox_.uncancelDeliveries(...args)
  }
  restoreDeliveryState(...args: Parameters<Outbox["restoreDeliveryState"]>) {
    return this.outbox_.restoreDeliveryState(...args)
  }
  summarizeDeliveries(...args: Parameters<Outbox["summarizeDeliveries"]>) {
    return this.outbox_.summarizeDeliveries(...args)
  }
  nextDeliveryDueAt(...args: Parameters<Outbox["nextDeliveryDueAt"]>) {
    return this.outbox_.nextDeliveryDueAt(...args)
  }
  countDeliveries(...args: Parameters<EngagementCharts["countDeliveries"]>) {
    return this.charts_.countDeliveries(...args)
  }
  foldDeliveryCounts(...args: Parameters<EngagementCharts["foldDeliveryCounts"]>) {
    return this.charts_.foldDeliveryCounts(...args)
  }

  // privacy (privacy/erasures.ts)
  findErasureScope(...args: Parameters<Erasures["findErasureScope"]>) {
    return this.erasures_.findErasureScope(...args)
  }
  eraseDeliveries(...args: Parameters<Erasures["eraseDeliveries"]>) {
    return this.erasures_.eraseDeliveries(...args)
  }
  putBackErasedDeliveries(...args: Parameters<Erasures["putBackErasedDeliveries"]>) {
    return this.erasures_.putBackErasedDeliveries(...args)
  }
  deleteOrderTotals(...args: Parameters<Erasures["deleteOrderTotals"]>) {
    return this.erasures_.deleteOrderTotals(...args)
  }
  restoreOrderTotals(...args: Parameters<Erasures["restoreOrderTotals"]>) {
    return this.erasures_.restoreOrderTotals(...args)
  }
  listErasedCustomers(...args: Parameters<Erasures["listErasedCustomers"]>) {
    return this.erasures_.listErasedCustomers(...args)
  }
  resumeErasedCustomer(...args: Parameters<Erasures["resumeErasedCustomer"]>) {
    return this.erasures_.resumeErasedCustomer(...args)
  }
  unresumeErasures(...args: Parameters<Erasures["unresumeErasures"]>) {
    return this.erasures_.unresumeErasures(...args)
  }
  // review requests (review-requests/review-request-store.ts)
  scheduleReviewRequest(...args: Parameters<ReviewRequestStore["scheduleReviewRequest"]>) {
    return this.reviewRequests_.scheduleReviewRequest(...args)
  }
  claimDueReviewRequests(...args: Parameters<ReviewRequestStore["claimDueReviewRequests"]>) {
    return this.reviewRequests_.claimDueReviewRequests(...args)
  }
  claimReviewRequestNow(...args: Parameters<ReviewRequestStore["claimReviewRequestNow"]>) {
    return this.reviewRequests_.claimReviewRequestNow(...args)
  }
  settleAttachedReviewRequest(...args: Parameters<ReviewRequestStore["settleAttachedReviewRequest"]>) {
    return this.reviewRequests_.settleAttachedReviewRequest(...args)
  }
  // consent ledger and links (consents/)
  getCurrentConsents(...args: Parameters<ConsentLedger["getCurrentConsents"]>) {
    return this.ledger_.getCurrentConsents(...args)
  }
  recordConsentChanges(...args: Parameters<ConsentLedger["recordConsentChanges"]>) {
    return this.ledger_.recordConsentChanges(...args)
  }
  undoConsentChanges(...args: Parameters<ConsentLedger["undoConsentChanges"]>) {
    return this.ledger_.undoConsentChanges(...args)
  }
  noteCheckoutActor(...args: Parameters<ConsentLedger["noteCheckoutActor"]>) {
    return this.ledger_.noteCheckoutActor(...args)
  }
  saveCheckoutOutcome(...args: Parameters<ConsentLedger["saveCheckoutOutcome"]>) {
    return this.ledger_.saveCheckoutOutcome(...args)
  }
  restoreCheckoutOutcome(...args: Parameters<ConsentLedger["restoreCheckoutOutcome"]>) {
    return this.ledger_.restoreCheckoutOutcome(...args)
  }
  consumeLinkToken(...args: Parameters<ConsentLedger["consumeLinkToken"]>) {
    return this.ledger_.consumeLinkToken(...args)
  }
  signLinkToken(...args: Parameters<ConsentLinks["sign"]>): string {
    return this.links_.sign(...args)
  }
  verifyLinkToken(...args: Parameters<ConsentLinks["verify"]>) {
    return this.links_.verify(...args)
  }
  // statistics (statistics/contact-statistics.ts)
  recordOrderFact(...args: Parameters<ContactStatisticsStore["recordOrderFact"]>) {
    return this.statistics_.recordOrderFact(...args)
  }
  removeOrderFact(...args: Parameters<ContactStatisticsStore["removeOrderFact"]>) {
    return this.statistics_.removeOrderFact(...args)
  }
  computeContactStatistics(...args: Parameters<ContactStatisticsStore["computeContactStatistics"]>) {
    return this.statistics_.computeContactStatistics(...args)
  }
  recountOrderTotals(...args: Parameters<ContactStatisticsStore["recountOrderTotals"]>) {
    return this.statistics_.recountOrderTotals(...args)
  }
  listOrderTotalsOf(...args: Parameters<ContactStatisticsStore["listOrderTotalsOf"]>) {
    return this.statistics_.listOrderTotalsOf(...args)
  }

  // contact sync (contact-sync/runner.ts)
  contactSyncPlatforms(): string[] {
    return this.contactSync_.platformIds()
  }
  markContactsForSync(...args: Parameters<ContactSyncRunner["markContactsForSync"]>) {
    return this.contactSync_.markContactsForSync(...args)
  }
  syncDueContacts(...args: Parameters<ContactSyncRunner["syncDueContacts"]>) {
    return this.contactSync_.syncDueContacts(...args)
  }
  runContactSync(...args: Parameters<ContactSyncRunner["runContactSync"]>) {
    return this.contactSync_.runContactSync(...args)
  }
  countContactSyncs(...args: Parameters<ContactSyncRunner["countContactSyncs"]>) {
    return this.contactSync_.countContactSyncs(...args)
  }
  resetContactSyncs(...args: Parameters<ContactSyncRunner["resetContactSyncs"]>) {
    return this.contactSync_.resetContactSyncs(...args)
  }

  // order reconciliation (reconciliation/reconciliation-store.ts)
  readReconciliationCursor(...args: Parameters<ReconciliationStore["readReconciliationCursor"]>) {
    return this.reconciliation_.readReconciliationCursor(...args)
  }
  advanceReconciliationCursor(...args: Parameters<ReconciliationStore["advanceReconciliationCursor"]>) {
    return this.reconciliation_.advanceReconciliationCursor(...args)
  }
  recordReconciliationRepairs(...args: Parameters<ReconciliationStore["recordReconciliationRepairs"]>) {
    return this.reconciliation_.recordReconciliationRepairs(...args)
  }
  listRepairsSince(...args: Parameters<ReconciliationStore["listRepairsSince"]>) {
    return this.reconciliation_.listRepairsSince(...args)
  }

  // the admin's charts (statistics/charts.ts)
  reviewRequestFunnel(...args: Parameters<EngagementCharts["reviewRequestFunnel"]>) {
    return this.charts_.reviewRequestFunnel(...args)
  }
  deliveryCounts(...args: Parameters<EngagementCharts["deliveryCounts"]>) {
    return this.charts_.deliveryCounts(...args)
  }
}
