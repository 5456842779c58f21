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
  SettingsTable,
  settingVersion,
  SettingVersionRow,
} from "./setting-versions"
import { applySavedSettings, describeArea, parseAreaValues, SettingsArea, SettingsOwner } from "./settings-areas"

type Ctx = Context<SqlEntityManager>

/** What a save appended: the new version, and the one it replaced (none on an area's first save). */
export interface AppendedSettingVersion {
  saved: SettingVersionRow
  previous: SettingVersionRow | undefined
}

/** What differs between the modules that own settings areas; the rest is `VersionedSettings`. */
export interface VersionedSettingsConfig<O, I extends AppendSettingVersion, R extends object> {
  /** the module's repository: the manager decorators open their contexts on it */
  baseRepository: unknown
  table: SettingsTable
  areas: readonly SettingsArea<O>[]
  /** the options as configured: the defaults of every area */
  options: O
  /** what else is wrong with an area's parsed values, with the rest of the module (each names its field) */
  problems?: (area: SettingsArea<O>, values: Record<string, unknown>) => string[]
  /** the module's side effect of a save, in the save's transaction: what it returns joins the save's answer */
  afterSave?: (manager: SqlEntityManager, input: I, appended: AppendedSettingVersion) => Promise<R>
}

/**
 * A module's settings saved in the admin: the options in effect at use time (the configured ones
 * with each area's newest version in place, read again at most every couple of seconds per
 * process), and the areas' versions: described, parsed, listed, retrieved and appended. The
 * loyalty and the engagement module each extend it with their table, their areas and what a save
 * does besides.
 */
export class VersionedSettings<
  O,
  I extends AppendSettingVersion = AppendSettingVersion,
  R extends object = object,
> implements SettingsOwner {
  /** the options as configured: the defaults of the settings an owner can save in the admin */
  readonly options: O
  protected readonly baseRepository_: unknown
  private readonly config_: VersionedSettingsConfig<O, I, R>
  private readonly cache_ = new SettingsCache(() => this.load_(), SETTINGS_CACHE_MS)

  constructor(config: VersionedSettingsConfig<O, I, R>) {
    this.config_ = config
    this.baseRepository_ = config.baseRepository
    this.options = config.options
  }

  /** The options in effect now: the configured ones with every area's newest saved version in place. */
  async effectiveOptions(): Promise<O> {
    return await this.cache_.get()
  }

  @InjectManager()
  protected async load_(@MedusaContext() ctx: Ctx = {}): Promise<O> {
    const saved = await latestSettingVersions(ctx.manager!, this.config_.table)
    return applySavedSettings(this.options, this.config_.areas, saved)
  }

  settingsAreaIds(): string[] {
    return this.config_.areas.map(({ id }) => id)
  }

  private area_(id: string): SettingsArea<O> {
    const area = this.config_.areas.find((candidate) => candidate.id === id)
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

  /** An area's values from a request, checked by the option's schema and with the rest of the module (a 400 names the field). */
  parseSettingsValues(id: string, input: unknown): Record<string, unknown> {
    const area = this.area_(id)
    const values = parseAreaValues(area, input)
    const problems = this.config_.problems?.(area, values) ?? []
    if (problems.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))
    }
    return values
  }

  @InjectManager()
  async listSettingVersions(area: string, limit: number, @MedusaContext() ctx: Ctx = {}) {
    return await settingHistory(ctx.manager!, this.config_.table, area, limit)
  }

  @InjectManager()
  async retrieveSettingVersion(area: string, version: number, @MedusaContext() ctx: Ctx = {}) {
    return await settingVersion(ctx.manager!, this.config_.table, area, version)
  }

  /**
   * Appends an area's next version (409 when the owner edited an older one), with the module's
   * side effect in the same transaction. This process sees the new settings at once.
   */
  async saveSettingVersion(input: I): Promise<AppendedSettingVersion & Partial<R>> {
    try {
      return await this.save_(input)
    } finally {
      this.cache_.invalidate()
    }
  }

  @InjectTransactionManager()
  protected async save_(input: I, @MedusaContext() ctx: Ctx = {}): Promise<AppendedSettingVersion & Partial<R>> {
    const manager = ctx.transactionManager!
    const appended = await appendSettingVersion(manager, this.config_.table, input)
    const extra: Partial<R> = (await this.config_.afterSave?.(manager, input, appended)) ?? {}
    return { ...appended, ...extra }
  }
}
