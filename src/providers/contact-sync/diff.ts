/** Values a platform must not be sent: in an update they would erase what the platform holds. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "")
}

/** The fields with a value, leaving out blank ones. */
export function withValues<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => !isBlank(value))) as Partial<T>
}

/** JSON with object keys sorted: PostgreSQL's jsonb gives back objects in its own key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableJson).join(",")}]`
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

const same = (a: unknown, b: unknown) => stableJson(a) === stableJson(b)

/**
 * The fields of `wanted` whose value differs from what the platform was last sent. Blank values
 * are never sent: a field the shopper cleared stays as it is on the platform (it cannot be sent empty).
 */
export function changedFields(
  wanted: Record<string, unknown>,
  lastSent: Record<string, unknown>
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(wanted).filter(([key, value]) => !isBlank(value) && !same(value, lastSent[key]))
  )
}

/** The HTTP status an ended call was answered with, when it had an answer. */
export function answeredStatus(summary: Record<string, unknown> | null): number | null {
  const status = summary?.status
  return typeof status === "number" ? status : null
}

/**
 * Planners keep their own notes next to the fields in `last_sent` under keys starting with `$`
 * (a lookup's answer, a contact type, a needed link). These are the fields alone.
 */
export const isMarker = (key: string) => key.startsWith("$")

export function withoutMarkers(lastSent: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(lastSent).filter(([key]) => !isMarker(key)))
}
