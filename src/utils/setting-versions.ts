import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { runSql } from "./sql"

/**
 * The versioned settings documents an owner saves in the admin, shared by the loyalty and the
 * engagement module (each keeps its own areas in its own table of this shape). A version is never
 * changed: a save, a reset (`values` null: the options' defaults again) and a restore each append
 * the next version of the area, with who made it and when.
 */
export type SettingsTable = "loyalty_setting_version" | "engagement_setting_version"

export interface SettingVersionRow {
  id: string
  area: string
  version: number
  /** the area's document; null: reset to the configured options */
  values: Record<string, unknown> | null
  actor_type: string
  actor_id: string
  restored_from: number | null
  created_at: Date
}

const COLUMNS = 'id, area, version, "values", actor_type, actor_id, restored_from, created_at'

/** The newest version of every area saved at least once: one indexed read. */
export async function latestSettingVersions(
  manager: SqlEntityManager,
  table: SettingsTable
): Promise<Map<string, SettingVersionRow>> {
  const rows = await runSql<SettingVersionRow>(
    manager,
    `SELECT DISTINCT ON (area) ${COLUMNS} FROM ${table} WHERE deleted_at IS NULL ORDER BY area, version DESC`
  )
  return new Map(rows.map((row) => [row.area, row]))
}

/** An area's versions, newest first. */
export async function settingHistory(
  manager: SqlEntityManager,
  table: SettingsTable,
  area: string,
  limit: number
): Promise<SettingVersionRow[]> {
  return await runSql<SettingVersionRow>(
    manager,
    `SELECT ${COLUMNS} FROM ${table} WHERE area = ? AND deleted_at IS NULL ORDER BY version DESC LIMIT ?`,
    [area, limit]
  )
}

export async function settingVersion(
  manager: SqlEntityManager,
  table: SettingsTable,
  area: string,
  version: number
): Promise<SettingVersionRow | undefined> {
  const [row] = await runSql<SettingVersionRow>(
    manager,
    `SELECT ${COLUMNS} FROM ${table} WHERE area = ? AND version = ? AND deleted_at IS NULL`,
    [area, version]
  )
  return row
}

/** Who saved an area's newest version. */
export interface SettingsSaver {
  actor_type: string
  actor_id: string
  saved_at: Date
}

export interface SettingsConflict {
  area: string
  /** the area's newest version */
  current: number
  /** the version the refused save was edited from */
  base_version: number
  /** who saved the newest version (null: no one, the area was never saved) */
  saver: SettingsSaver | null
}

/**
 * A save edited from an older version than the newest (409). It carries who saved first, so that
 * a caller who knows them better (a user's email, not their id) names them with `naming`.
 */
export class SettingsConflictError extends MedusaError {
  readonly conflict: SettingsConflict

  constructor(conflict: SettingsConflict, saverName?: string) {
    const { area, current, base_version, saver } = conflict
    const who = saver
      ? `${saverName ?? `${saver.actor_type} ${saver.actor_id}`} at ${saver.saved_at.toISOString()}`
      : "no one"
    super(
      MedusaError.Types.CONFLICT,
      `version: the ${area} settings are at version ${current} (saved by ${who}), not ${base_version}; reload them and edit again`
    )
    this.conflict = conflict
  }

  /** The same refusal, naming who saved first as `name`. */
  naming(name: string): SettingsConflictError {
    return new SettingsConflictError(this.conflict, name)
  }
}

export interface AppendSettingVersion {
  area: string
  /** the version the owner edited (0: the defaults, never saved) */
  base_version: number
  values: Record<string, unknown> | null
  actor_type: string
  actor_id: string
  restored_from?: number | null
}

/**
 * Appends the next version of an area, if the owner edited the newest one. Saves of one area
 * serialise on a transaction-scoped advisory lock (the unique (area, version) index backs it), so
 * of two admins who edited the same version the second is refused, naming who saved first.
 * Must run in a transaction.
 */
export async function appendSettingVersion(
  manager: SqlEntityManager,
  table: SettingsTable,
  input: AppendSettingVersion
): Promise<{ saved: SettingVersionRow; previous: SettingVersionRow | undefined }> {
  await runSql(manager, `SELECT pg_advisory_xact_lock(hashtext(?))`, [`${table}:${input.area}`])
  const [previous] = await settingHistory(manager, table, input.area, 1)
  const current = previous?.version ?? 0
  if (current !== input.base_version) {
    const saver = previous
      ? { actor_type: previous.actor_type, actor_id: previous.actor_id, saved_at: previous.created_at }
      : null
    throw new SettingsConflictError({ area: input.area, current, base_version: input.base_version, saver })
  }
  const [saved] = await runSql<SettingVersionRow>(
    manager,
    `INSERT INTO ${table} (id, area, version, "values", actor_type, actor_id, restored_from, created_at, updated_at)
     VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, now(), now()) RETURNING ${COLUMNS}`,
    [
      generateEntityId(undefined, table === "loyalty_setting_version" ? "loyset" : "engset"),
      input.area,
      current + 1,
      input.values === null ? null : JSON.stringify(input.values),
      input.actor_type,
      input.actor_id,
      input.restored_from ?? null,
    ]
  )
  return { saved, previous }
}

/**
 * What each process keeps of the saved settings: read again at most every `ttlMs`, so a server
 * and its workers see a change saved anywhere within that time, without a restart; a save in this
 * process is seen at once (`invalidate`).
 */
export class SettingsCache<T> {
  private value_: T | undefined
  private loadedAt_ = 0
  private loading_: Promise<T> | undefined
  // bumped by each invalidation: a read begun before it does not count as fresh
  private generation_ = 0

  constructor(
    private readonly load_: () => Promise<T>,
    private readonly ttlMs_: number
  ) {}

  async get(): Promise<T> {
    if (this.value_ !== undefined && Date.now() - this.loadedAt_ < this.ttlMs_) {
      return this.value_
    }
    // one read at a time per process, however many callers ask at once
    if (!this.loading_) {
      const generation = this.generation_
      const loading = this.load_()
        .then((value) => {
          if (generation === this.generation_) {
            this.value_ = value
            this.loadedAt_ = Date.now()
          }
          return value
        })
        .finally(() => {
          if (this.loading_ === loading) {
            this.loading_ = undefined
          }
        })
      this.loading_ = loading
    }
    return await this.loading_
  }

  invalidate(): void {
    this.generation_++
    this.loadedAt_ = 0
    this.loading_ = undefined
  }
}

/** How often a process reads the saved settings again at most (ms): "within a few seconds". */
export const SETTINGS_CACHE_MS = 2_000
