/**
 * How the settings form shows values: durations as "14 days", units by field, the field messages
 * of an API answer, and the diff shown before a save.
 */

/** Fields whose value is a duration (milliseconds in the API, which also takes "14d"). */
export const DURATION_FIELDS = new Set(["delay", "cap_window", "link_ttl", "intervals", "category_delays"])

export const UNITS: Record<string, string> = {
  pending_days: "days",
  expiry_days: "days",
  window_days: "days",
  hold_hours: "hours",
  code_ttl_minutes: "minutes",
  repeat_product_months: "months",
  max_share: "share of the cart, 0–1",
  threshold: "points",
  cap_per_order: "points",
  min_points: "points",
  step: "points",
  signup_bonus: "points",
  advocate_points: "points",
  referee_points: "points",
  points_per_unit: "points per 1.00 of the currency",
  points_per_currency_unit: "points worth 1.00 of the currency",
  min_order_total: "minor units (1500 = 15.00)",
}

/** Fields with a fixed set of values (the options' enums). */
export const ENUMS: Record<string, string[]> = {
  base: ["items_after_discounts", "items_before_discounts", "items_with_tax"],
  rounding: ["down", "nearest", "up"],
  basis: ["period", "lifetime"],
  debt_policy: ["block", "write_off"],
  trigger: ["placed", "fulfilled", "shipped", "delivered"],
  over_cap: ["wait", "skip"],
}

/** Objects whose keys the owner chooses (a currency, a category, a platform): rows of key and value. */
export const RECORDS = new Set([
  "points_per_unit",
  "points_per_currency_unit",
  "min_order_total",
  "platforms",
  "category_delays",
])

/** A new row of a table: a tier, a scheme. */
export const ROW_TEMPLATES: Record<string, Record<string, unknown>> = {
  levels: { id: "", name: "", threshold: 0, multiplier: 1 },
  list: { id: "", name: "", description: "", multiplier: 1, signup_bonus: 0, allowed_domains: [] },
  // instants with their time zone, e.g. 2026-12-11T18:00:00+01:00
  campaigns: { id: "", name: "", multiplier: 2, starts_at: "", ends_at: "", tiers: [] },
}

const UNIT_MS: [string, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
]

/** 1209600000 → "14 days", 5400000 → "90 minutes". */
export function formatDuration(ms: unknown): string {
  if (typeof ms !== "number") {
    return String(ms ?? "")
  }
  const [unit, size] = UNIT_MS.find(([, size]) => ms % size === 0 && ms >= size) ?? ["millisecond", 1]
  const amount = ms / size
  return `${amount} ${unit}${amount === 1 ? "" : "s"}`
}

const DURATION_TEXT = /^(\d+)\s*(d|days?|h|hours?|m|min|minutes?|s|seconds?|ms)?$/i

/** "14 days", "14d", "36h" → milliseconds (the API's form), or null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const match = DURATION_TEXT.exec(text.trim())
  if (!match) {
    return null
  }
  const unit = (match[2] ?? "ms").toLowerCase()
  const size =
    unit === "ms"
      ? 1
      : unit.startsWith("mi") || unit === "m"
        ? 60_000
        : { d: 86_400_000, h: 3_600_000, s: 1000 }[unit[0]]
  return Number(match[1]) * (size ?? 1)
}

/** "values.pending_days: must be ≥ 0; values.base: …" → { "pending_days": "must be ≥ 0", … } */
export function fieldMessages(message: string): Record<string, string> {
  const messages: Record<string, string> = {}
  for (const part of message.split("; ")) {
    const match = /^values\.([^:]+): (.*)$/.exec(part)
    if (match) {
      messages[match[1]] = match[2]
    } else {
      messages[""] = messages[""] ? `${messages[""]}; ${part}` : part
    }
  }
  return messages
}

function flatten(value: unknown, path: string, into: Map<string, string>) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>)
    if (!entries.length) {
      into.set(path, "{}")
    }
    entries.forEach(([key, item]) => flatten(item, path ? `${path}.${key}` : key, into))
  } else {
    into.set(path, JSON.stringify(value))
  }
}

/** Every field whose value changes, with before and after, in the order of the form. */
export function diffValues(before: unknown, after: unknown): { field: string; before: string; after: string }[] {
  const a = new Map<string, string>()
  const b = new Map<string, string>()
  flatten(before, "", a)
  flatten(after, "", b)
  const fields = [...new Set([...a.keys(), ...b.keys()])]
  return fields
    .filter((field) => a.get(field) !== b.get(field))
    .map((field) => ({ field, before: a.get(field) ?? "—", after: b.get(field) ?? "—" }))
}

/** Fields holding a moment (ISO 8601 with its offset): edited in the viewer's time zone. */
export const INSTANT_FIELDS = new Set(["starts_at", "ends_at"])

const pad = (n: number) => String(n).padStart(2, "0")

/** An ISO instant as the viewer's local `YYYY-MM-DDTHH:mm`, what a datetime-local input holds ("" when none). */
export function localInputValue(iso: unknown): string {
  const time = typeof iso === "string" ? Date.parse(iso) : NaN
  if (Number.isNaN(time)) {
    return ""
  }
  const at = new Date(time)
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`
}

/** A datetime-local input's value, read in the viewer's time zone, as an ISO instant ("" when empty). */
export function instantOfLocal(local: string): string {
  // a date-time without an offset is local time (ECMAScript's Date parsing)
  const time = local ? new Date(local).getTime() : NaN
  return Number.isNaN(time) ? "" : new Date(time).toISOString()
}
