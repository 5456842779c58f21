import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError } from "@medusajs/framework/utils"
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
import type { ResolvedLoyaltyOptions } from "../options"

type Ctx = Context<SqlEntityManager>
const TABLE = "loyalty_setting_version"

/**
 * The rules the ledger runs by: the options with the settings saved in the admin in effect, and
 * the module's clock. Every other concern of the service reads "now" and the rules from here.
 */
export class LoyaltySettings implements SettingsOwner {
  /**
   * The module's "now". The system clock, unless a test or a simulation sets another with
   * `useClock` (the model-based ledger test moves time through pending periods and expiries).
   */
  private clock_: () => Date = () => new Date()
  private readonly cache_ = new SettingsCache(() => this.load_(), SETTINGS_CACHE_MS)

  constructor(
    // the module's repository: the manager decorators below open their contexts on it
    protected readonly baseRepository_: unknown,
    readonly options: ResolvedLoyaltyOptions
  ) {}

  useClock(clock: (() => Date) | null): void {
    this.clock_ = clock ?? (() => new Date())
  }

  now(): Date {
    return this.clock_()
  }

  /**
   * The options in effect now: the configured ones with every settings area's newest saved version
   * in place. Read at use time, at most every couple of seconds per process.
   */
  async effectiveOptions(): Promise<ResolvedLoyaltyOptions> {
    return await this.cache_.get()
  }

  @InjectManager()
  protected async load_(@MedusaContext() ctx: Ctx = {}): Promise<ResolvedLoyaltyOptions> {
    const saved = await latestSettingVersions(ctx.manager!, TABLE)
    return applySavedSettings(this.options, LOYALTY_SETTINGS_AREAS, saved)
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
    return describeArea(area, this.options, await this.effectiveOptions(), latest)
  }

  /** An area's values from a request, checked by the option's schema and with the other options (a 400 names the field). */
  parseSettingsValues(id: string, input: unknown): Record<string, unknown> {
    const area = this.area_(id)
    const values = parseAreaValues(area, input)
    const problems = loyaltyProblemsWith(this.options, area, values)
    if (problems.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))
    }
    return values
  }

  @InjectManager()
  async listSettingVersions(area: string, limit: number, @MedusaContext() ctx: Ctx = {}) {
    return await settingHistory(ctx.manager!, TABLE, area, limit)
  }

  @InjectManager()
  async retrieveSettingVersion(area: string, version: number, @MedusaContext() ctx: Ctx = {}) {
    return await settingVersion(ctx.manager!, TABLE, area, version)
  }

  /** How many members the tier rules `next` would move up or down (before the owner saves them). */
  @InjectManager()
  async previewTierMoves(next: TierRules, @MedusaContext() ctx: Ctx = {}) {
    return await previewTierMoves(ctx.manager!, (await this.effectiveOptions()).tiers, next)
  }

  /** Appends an area's next version (409 when the owner edited an older one); this process sees it at once. */
  async saveSettingVersion(input: AppendSettingVersion) {
    try {
      return await this.append_(input)
    } finally {
      this.cache_.invalidate()
    }
  }

  @InjectTransactionManager()
  protected async append_(input: AppendSettingVersion, @MedusaContext() ctx: Ctx = {}) {
    return await appendSettingVersion(ctx.transactionManager!, TABLE, input)
  }

  /** The tier rules of the ledger in effect now (the settings saved in the admin included). */
  async tierRules(): Promise<TierRules> {
    return (await this.effectiveOptions()).tiers
  }

  /**
   * What every ledger change is posted with: now, the debt policy, the tiers, the default expiry,
   * as in effect now: read at use time, never the values some earlier call happened to load.
   */
  async postContext(): Promise<PostEntriesContext> {
    const options = await this.effectiveOptions()
    return {
      now: this.now(),
      debt_policy: options.debt_policy,
      tiers: options.tiers,
      expiry_days: options.expiry_days,
    }
  }
}
