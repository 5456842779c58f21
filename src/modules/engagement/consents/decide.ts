import type { ConsentValue } from "../types"

/** A purpose's latest ledger row: its current state. */
export interface LatestConsent {
  id: string
  value: ConsentValue
  wording: string | null
  info: Record<string, unknown> | null
  recorded_at: Date
}

export interface ConsentRequest {
  value: ConsentValue
  wording?: string | null
  info?: Record<string, unknown> | null
  /** a confirmation link: the ledger id of the AwaitingConfirmation request it confirms */
  confirms?: string
}

export interface PurposeRules {
  /** a grant must be confirmed by email first */
  double_opt_in: boolean
  /** a repeated AwaitingConfirmation re-sends the confirmation once this long after the last send */
  resend_after_ms: number
}

export type ConsentDecision =
  /** a new ledger row; `confirm`: it is a confirmation request, email the link */
  | { kind: "record"; value: ConsentValue; wording: string | null; confirm: boolean }
  /** nothing new: no row; `resend` names the confirmation to send again, with its round */
  | { kind: "unchanged"; resend?: { request_id: string; round: number } }
  /** a confirmation link whose request is no longer the purpose's latest state */
  | { kind: "stale" }

function stable(value: unknown): string {
  if (value === null || value === undefined) {
    return "null"
  }
  if (typeof value !== "object") {
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) {
    return `[${value.map(stable).join(",")}]`
  }
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stable(item)}`).join(",")}}`
}

/**
 * What a requested change does to a purpose, given its latest row. Decided under the purpose's
 * lock, so concurrent requests see each other's rows.
 * - A confirmation link sets `True` only while the request it confirms is still the latest row.
 * - A grant (`True`) becomes `AwaitingConfirmation` when the purpose needs double opt-in or a
 *   confirmation is pending: only the confirmation link completes it.
 * - The same value with the same wording and proof is not a new row; a repeated
 *   `AwaitingConfirmation` re-sends the pending confirmation at most once per `resend_after_ms`.
 */
export function decideConsentChange(
  latest: LatestConsent | undefined,
  request: ConsentRequest,
  rules: PurposeRules,
  now: Date
): ConsentDecision {
  if (request.confirms !== undefined) {
    if (!latest || latest.id !== request.confirms || latest.value !== "AwaitingConfirmation") {
      return { kind: "stale" }
    }
    // the confirmed row keeps the wording the shopper was asked to confirm
    return { kind: "record", value: "True", wording: latest.wording, confirm: false }
  }
  const wording = request.wording ?? null
  let value = request.value
  if (
    value === "True" &&
    latest?.value !== "True" &&
    (rules.double_opt_in || latest?.value === "AwaitingConfirmation")
  ) {
    value = "AwaitingConfirmation"
  }
  const sameProof =
    !!latest && (latest.wording ?? null) === wording && stable(latest.info) === stable(request.info ?? null)
  // asking to confirm what is granted already, with the same proof, changes nothing
  const unchanged =
    sameProof && (latest!.value === value || (latest!.value === "True" && value === "AwaitingConfirmation"))
  if (unchanged) {
    if (latest!.value !== "AwaitingConfirmation") {
      return { kind: "unchanged" }
    }
    const round = Math.floor((now.getTime() - latest!.recorded_at.getTime()) / Math.max(rules.resend_after_ms, 1))
    return round >= 1 ? { kind: "unchanged", resend: { request_id: latest!.id, round } } : { kind: "unchanged" }
  }
  return { kind: "record", value, wording, confirm: value === "AwaitingConfirmation" }
}
