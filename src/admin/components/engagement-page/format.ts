import { formatDateTime } from "../../lib/dates"

/** An instant as Medusa's dashboard shows one, in the viewer's time zone; "never" when absent. */
export const instant = (value: string | null | undefined) => formatDateTime(value, "never")

export const count = (value: number) => value.toLocaleString()

const SECRET_KEY = /(token|secret|password|api[-_]?key|apikey|signature|authorization|encryption)/i

/**
 * A payload or answer as the drawer shows it: values under a key that names a credential are
 * replaced by "sealed", at any depth, so a screenshot or a shoulder never carries one.
 */
export function sealSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sealSecrets)
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        SECRET_KEY.test(key) ? "•••• sealed" : sealSecrets(inner),
      ])
    )
  }
  return value
}
