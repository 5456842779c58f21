import { logger } from "@medusajs/framework/logger"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import type { SettingVersionRow } from "./setting-versions"

/**
 * One settings area an owner edits in the admin: a part of a module's options, validated by the
 * same zod schema as the option. An area never holds a secret (keys, tokens, link and webhook
 * secrets stay in the options and the environment): `read` leaves them out, `apply` keeps the
 * configured ones.
 */
export interface SettingsArea<O> {
  id: string
  schema: z.ZodType
  /** the area's values within the resolved options */
  read(options: O): Record<string, unknown>
  /** the options with the area's values in place of the configured ones */
  apply(options: O, values: Record<string, unknown>): O
}

/**
 * Why the schema refuses an area's saved values (a version saved before an upgrade changed the
 * option), each problem naming its field; none when they apply or there are none.
 */
export function savedVersionProblems<O>(area: SettingsArea<O>, values: unknown): string[] {
  if (values === null || values === undefined) {
    return []
  }
  const parsed = area.schema.safeParse(values)
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${["values", ...issue.path].join(".")}: ${issue.message}`)
}

/** A saved version the schema refuses: the options stay in effect for its area. */
export interface RefusedVersion {
  area: string
  version: number
  problems: string[]
}

/** The options with every area's newest saved version in place (a reset version keeps the options'). */
export function applySavedSettings<O>(
  configured: O,
  areas: readonly SettingsArea<O>[],
  saved: Map<string, SettingVersionRow>,
  // a refused version is said in the server's log, never dropped silently
  onRefused: (refused: RefusedVersion) => void = (refused) => logger.warn(refusedVersionMessage(refused))
): O {
  let effective = configured
  for (const area of areas) {
    const row = saved.get(area.id)
    const values = row?.values
    // parsed again: a field added to the schema since the save gets its default; a version the
    // schema no longer accepts (after an upgrade) leaves the options in effect, and says so
    const parsed = values ? area.schema.safeParse(values) : undefined
    if (parsed?.success) {
      effective = area.apply(effective, parsed.data as Record<string, unknown>)
    } else if (parsed && row) {
      onRefused({ area: area.id, version: row.version, problems: savedVersionProblems(area, values) })
    }
  }
  return effective
}

/**
 * An area as the admin edits it: the configured values (the defaults), those in effect, and why the
 * newest saved version no longer applies, if it does not.
 */
export function describeArea<O>(area: SettingsArea<O>, configured: O, effective: O, latest?: SettingVersionRow) {
  return {
    defaults: area.read(configured),
    values: area.read(effective),
    refused: savedVersionProblems(area, latest?.values),
  }
}

/** The log line for a refused version: the owner's settings are not in effect until saved again. */
export const refusedVersionMessage = ({ area, version, problems }: RefusedVersion) =>
  `settings ${area}: saved version ${version} no longer fits the options (${problems.join("; ")}); ` +
  `the configured options are in effect for this area until it is saved again in the admin`

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/** Fields of the input an object schema dropped: zod strips unknown keys, a settings save refuses them. */
function unknownFields(input: unknown, output: unknown, path: string[]): string[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, index) => unknownFields(item, output[index], [...path, String(index)]))
  }
  if (!isPlainObject(input) || !isPlainObject(output)) {
    return []
  }
  return Object.keys(input).flatMap((key) =>
    key in output ? unknownFields(input[key], output[key], [...path, key]) : [[...path, key].join(".")]
  )
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

// a settings document is a few levels deep (`values.levels.0.multiplier`); deeper is not one
const MAX_DEPTH = 8

/**
 * One walk of a saved body: the first field nested deeper than any setting is (the walk stops
 * there, never below that depth), or else the strings PostgreSQL cannot store (a NUL byte, a lone
 * surrogate), by field.
 */
function unstorable(value: unknown, path: string[], found: { deep: string | null; text: string[] }): void {
  if (found.deep) {
    return
  }
  if (path.length > MAX_DEPTH) {
    found.deep = path.join(".")
    return
  }
  if (typeof value === "string") {
    if (value.includes("\u0000") || LONE_SURROGATE.test(value)) {
      found.text.push(path.join("."))
    }
    return
  }
  const children: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : isPlainObject(value)
      ? Object.entries(value)
      : []
  for (const [key, item] of children) {
    unstorable(item, [...path, key], found)
  }
}

/**
 * The area's values from a request body, parsed by the option's schema (defaults filled in), or a
 * 400 naming every wrong field (`values.pending_days: …`) and every unknown one.
 */
export function parseAreaValues<O>(area: SettingsArea<O>, input: unknown): Record<string, unknown> {
  const found = { deep: null as string | null, text: [] as string[] }
  unstorable(input, ["values"], found)
  if (found.deep) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${found.deep}: nested deeper than any setting (at most ${MAX_DEPTH} levels)`
    )
  }
  if (found.text.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      found.text.map((field) => `${field}: must be well-formed text (no NUL byte, no lone surrogate)`).join("; ")
    )
  }
  const parsed = area.schema.safeParse(input)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${["values", ...issue.path.map(String)].join(".")}: ${issue.message}`
    )
    throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))
  }
  const unknown = unknownFields(input, parsed.data, ["values"])
  if (unknown.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      unknown
        .map((field) => `${field}: unknown field (a secret is never a setting; it stays in the options)`)
        .join("; ")
    )
  }
  return parsed.data as Record<string, unknown>
}

/** The operations the admin settings routes need of a module that owns settings areas. */
export interface SettingsOwner {
  settingsAreaIds(): string[]
  /** the area's values: as configured (the defaults) and in effect now */
  describeSettingsArea(area: string): Promise<{
    defaults: Record<string, unknown>
    values: Record<string, unknown>
    /** why the newest saved version no longer applies (the options are in effect instead); empty when it does */
    refused: string[]
  }>
  parseSettingsValues(area: string, input: unknown): Record<string, unknown>
  listSettingVersions(area: string, limit: number): Promise<SettingVersionRow[]>
  retrieveSettingVersion(area: string, version: number): Promise<SettingVersionRow | undefined>
}
