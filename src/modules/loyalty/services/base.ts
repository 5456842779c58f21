import type { Context, IEventBusModuleService } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import {
  AppendSettingVersion,
  appendSettingVersion,
  latestSettingVersions,
  settingHistory,
  SettingsCache,
  SETTINGS_CACHE_MS,
  settingVersion,
} from "../../../utils/setting-versions"
import { applySavedSettings, describeArea, parseAreaValues, SettingsOwner } from "../../../utils/settings-areas"
import { previewTierMoves } from "../ledger/tier-preview"
import { LOYALTY_SETTINGS_AREAS, loyaltyProblemsWith } from "../settings"
import type { PostEntriesContext } from "../ledger/post-entries"
import type { TierRules } from "../ledger/tier-state"
import LoyaltyAccount from "../models/loyalty-account"
import LoyaltyAllocation from "../models/loyalty-allocation"
import LoyaltyPreference from "../models/loyalty-preference"
import LoyaltyReferral from "../models/loyalty-referral"
import LoyaltyReferralCode from "../models/loyalty-referral-code"
import LoyaltyReferralInvitation from "../models/loyalty-referral-invitation"
import LoyaltyReservation from "../models/loyalty-reservation"
import LoyaltySchemeAttempt from "../models/loyalty-scheme-attempt"
import LoyaltySchemeMembership from "../models/loyalty-scheme-membership"
import LoyaltySchemeVerification from "../models/loyalty-scheme-verification"
import LoyaltyTransaction from "../models/loyalty-transaction"
import LoyaltySettingVersion from "../models/loyalty-setting-version"
import { LoyaltyModuleOptions, resolveLoyaltyOptions, ResolvedLoyaltyOptions } from "../options"

/**
 * The loyalty module's models (with Medusa's generated list/create/update/delete methods) and its
 * options. The module's methods are added by concern in the files of this folder, each extending
 * the one before; `service.ts` is the last and the one the module exports.
 */
export class LoyaltyServiceBase
  extends MedusaService({
    LoyaltyAccount,
    LoyaltyTransaction,
    LoyaltyAllocation,
    LoyaltyReservation,
    LoyaltyReferral,
    LoyaltyReferralCode,
    LoyaltyReferralInvitation,
    LoyaltySchemeMembership,
    LoyaltySchemeVerification,
    LoyaltySchemeAttempt,
    LoyaltyPreference,
    LoyaltySettingVersion,
  })
  implements SettingsOwner
{
  protected readonly options_: ResolvedLoyaltyOptions
  /** set by MedusaService from the module's container when the application has an event bus */
  declare protected readonly eventBusModuleService_: IEventBusModuleService | undefined

  constructor(container: Record<string, unknown>, options: { loyalty?: LoyaltyModuleOptions } = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveLoyaltyOptions(options)
  }

  /**
   * The module's "now". The system clock, unless a test or a simulation sets another with
   * `useClock` (the model-based ledger test moves time through pending periods and expiries).
   */
  private clock_: () => Date = () => new Date()

  // an arrow, so the instance is set even when called through a proxy (as the test runner's is)
  readonly useClock = (clock: (() => Date) | null): void => {
    this.clock_ = clock ?? (() => new Date())
  }

  protected now_(): Date {
    return this.clock_()
  }

  /** The options as configured: the defaults of the settings an owner can save in the admin. */
  get options(): ResolvedLoyaltyOptions {
    return this.options_
  }

  private readonly settings_ = new SettingsCache(() => this.loadEffectiveOptions_(), SETTINGS_CACHE_MS)
  /** the effective options last read, for the ledger's synchronous rules (read again before each post) */

  /**
   * The options in effect now: the configured ones with every settings area's newest saved version
   * in place. Read at use time, at most every couple of seconds per process.
   */
  async effectiveOptions(): Promise<ResolvedLoyaltyOptions> {
    return await this.settings_.get()
  }

  @InjectManager()
  protected async loadEffectiveOptions_(
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<ResolvedLoyaltyOptions> {
    const saved = await latestSettingVersions(sharedContext.manager!, "loyalty_setting_version")
    return applySavedSettings(this.options_, LOYALTY_SETTINGS_AREAS, saved)
  }

  settingsAreaIds(): string[] {
    return LOYALTY_SETTINGS_AREAS.map(({ id }) => id)
  }

  private area_(id: string) {
    const area = LOYALTY_SETTINGS_AREAS.find((candidate) => candidate.id === id)
    if (!area) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `area: no settings area ${id}`)
    }
    return area
  }

  async describeSettingsArea(id: string) {
    const area = this.area_(id)
    const [latest] = await this.listSettingVersions(id, 1)
    return describeArea(area, this.options_, await this.effectiveOptions(), latest)
  }

  /** An area's values from a request, checked by the option's schema and with the other options (a 400 names the field). */
  parseSettingsValues(id: string, input: unknown): Record<string, unknown> {
    const area = this.area_(id)
    const values = parseAreaValues(area, input)
    const problems = loyaltyProblemsWith(this.options_, area, values)
    if (problems.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))
    }
    return values
  }

  @InjectManager()
  async listSettingVersions(
    area: string,
    limit: number,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await settingHistory(sharedContext.manager!, "loyalty_setting_version", area, limit)
  }

  @InjectManager()
  async retrieveSettingVersion(
    area: string,
    version: number,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await settingVersion(sharedContext.manager!, "loyalty_setting_version", area, version)
  }

  /** How many members the tier rules `next` would move up or down (before the owner saves them). */
  @InjectManager()
  async previewTierMoves(next: TierRules, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await previewTierMoves(sharedContext.manager!, (await this.effectiveOptions()).tiers, next)
  }

  /** Appends an area's next version (409 when the owner edited an older one); this process sees it at once. */
  async saveSettingVersion(input: AppendSettingVersion) {
    try {
      return await this.appendSettingVersion_(input)
    } finally {
      this.settings_.invalidate()
    }
  }

  @InjectTransactionManager()
  protected async appendSettingVersion_(
    input: AppendSettingVersion,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await appendSettingVersion(sharedContext.transactionManager!, "loyalty_setting_version", input)
  }

  /** The tier rules of the ledger in effect now (the settings saved in the admin included). */
  protected async tierRules_(): Promise<TierRules> {
    return (await this.effectiveOptions()).tiers
  }

  /**
   * What every ledger change is posted with: now, the debt policy, the tiers, the default expiry,
   * as in effect now: read at use time, never the values some earlier call happened to load.
   */
  protected async postContext_(): Promise<PostEntriesContext> {
    const options = await this.effectiveOptions()
    return {
      now: this.now_(),
      debt_policy: options.debt_policy,
      tiers: options.tiers,
      expiry_days: options.expiry_days,
    }
  }
}
