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
import type { ResolvedEngagementOptions } from "../options"
import { DryRunSettings, EffectiveEngagementOptions, ENGAGEMENT_SETTINGS_AREAS } from "./areas"
import { countOnDefaultDelay, moveOnDefaultDelay } from "./review-request-delays"

type Ctx = Context<SqlEntityManager>
const TABLE = "engagement_setting_version"

/**
 * The engagement module's settings saved in the admin (review requests, dry-run): the effective
 * options at use time, the versions, and the one side effect a save may have, moving the send time
 * of scheduled review requests when the owner asks for it.
 */
export class EngagementSettings implements SettingsOwner {
  private readonly cache_ = new SettingsCache(() => this.load_(), SETTINGS_CACHE_MS)

  constructor(
    // the module's repository: the manager decorators below open their contexts on it
    protected readonly baseRepository_: unknown,
    protected readonly options_: ResolvedEngagementOptions,
    protected readonly platformIds_: () => string[]
  ) {}

  async effectiveOptions(): Promise<EffectiveEngagementOptions> {
    return await this.cache_.get()
  }

  @InjectManager()
  protected async load_(@MedusaContext() ctx: Ctx = {}): Promise<EffectiveEngagementOptions> {
    const saved = await latestSettingVersions(ctx.manager!, TABLE)
    return applySavedSettings<EffectiveEngagementOptions>(this.options_, ENGAGEMENT_SETTINGS_AREAS, saved)
  }

  settingsAreaIds(): string[] {
    return ENGAGEMENT_SETTINGS_AREAS.map(({ id }) => id)
  }

  private area_(id: string) {
    const area = ENGAGEMENT_SETTINGS_AREAS.find((candidate) => candidate.id === id)
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

  parseSettingsValues(id: string, input: unknown): Record<string, unknown> {
    const values = parseAreaValues(this.area_(id), input)
    if (id === "delivery-dry-run") {
      const known = this.platformIds_()
      const unknown = Object.keys((values as DryRunSettings).platforms).filter((platform) => !known.includes(platform))
      if (unknown.length) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `values.platforms: ${unknown.join(", ")} is not a switched-on platform (${known.join(", ") || "none is"})`
        )
      }
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

  /** How many scheduled review requests a new default delay would move (the count shown before saving). */
  @InjectManager()
  async countScheduledOnDelay(@MedusaContext() ctx: Ctx = {}): Promise<number> {
    return await countOnDefaultDelay(ctx.manager!, (await this.effectiveOptions()).review_requests.delay)
  }

  /**
   * Appends an area's next version (409 when the owner edited an older one). Scheduled review
   * requests keep their send time unless `apply_to_scheduled`: then those on the default delay move
   * with it, in the same transaction. This process sees the new settings at once.
   */
  async saveSettingVersion(input: AppendSettingVersion & { apply_to_scheduled?: boolean }) {
    try {
      return await this.save_(input)
    } finally {
      this.cache_.invalidate()
    }
  }

  @InjectTransactionManager()
  protected async save_(
    input: AppendSettingVersion & { apply_to_scheduled?: boolean },
    @MedusaContext() ctx: Ctx = {}
  ) {
    const manager = ctx.transactionManager!
    const { saved, previous } = await appendSettingVersion(manager, TABLE, input)
    let moved = 0
    if (input.area === "review-requests" && input.apply_to_scheduled) {
      // the delays of the version replaced and of the new one, read under the area's lock
      const configured = this.options_.review_requests.delay
      const delayBefore = (previous?.values?.delay as number | undefined) ?? configured
      const delayAfter = (input.values?.delay as number | undefined) ?? configured
      moved = delayAfter === delayBefore ? 0 : await moveOnDefaultDelay(manager, delayBefore, delayAfter)
    }
    return { saved, previous, scheduled_moved: moved }
  }

  /** Whether a platform's calls are built and stored, never sent: the saved switches first, then the options. */
  async isDryRun(platformId: string, platformOption: boolean | undefined): Promise<boolean> {
    const { outbox, dry_run_platforms } = await this.effectiveOptions()
    return outbox.dry_run || (dry_run_platforms?.[platformId] ?? platformOption ?? false)
  }
}
