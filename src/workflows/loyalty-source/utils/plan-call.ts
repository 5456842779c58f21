import { createHash } from "node:crypto"
import type { LoyaltySourceAction } from "../../../provider-api/loyalty-source-writes"

/**
 * Which outbox row a shopper's loyalty write to the platform that keeps the points is, so that a
 * retry (a double click, a reload, a second tab) never sends it twice, and a write after a
 * different one is a new call. Pure: the step reads the rows and writes nothing itself.
 *
 * Writes come in groups that undo each other (joining and leaving one scheme). The row of a write
 * is keyed by the group, the write's fingerprint and the last row of the group still standing
 * (delivered, on its way, or unanswered and not repeatable); a failed or unanswered row does not
 * stand, so the retry after it is the next try of the same key. Two requests planning from the
 * same rows get the same key, and the outbox's unique key keeps one row.
 */
export interface PreviousCall {
  id: string
  idempotency_key: string
  status: string
  in_doubt: boolean
  created_at: Date | string
}

export type CallPlan = { reuse: string } | { key: string }

const digest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 24)

/** The group (what undoes what) and fingerprint (what is asked) of an action; secrets and emails only hashed. */
export function actionIdentity(action: LoyaltySourceAction): { group: string; fingerprint: string } {
  switch (action.kind) {
    case "scheme_sign_up":
      return {
        group: `scheme-${digest(action.scheme_id)}`,
        fingerprint: action.email ? `sign_up-${digest(action.email.toLowerCase())}` : "sign_up",
      }
    case "scheme_verify":
      return { group: `scheme-${digest(action.scheme_id)}`, fingerprint: `verify-${digest(action.code)}` }
    case "scheme_sign_out":
      return { group: `scheme-${digest(action.scheme_id)}`, fingerprint: "sign_out" }
    case "referral_claim":
      return { group: "referral", fingerprint: `claim-${digest(action.code.toUpperCase())}` }
    case "referral_invitations": {
      const emails = [...new Set(action.emails.map((email) => email.toLowerCase()))].sort()
      return { group: "invitations", fingerprint: `send-${digest(emails.join(","))}` }
    }
    case "auto_spend":
      return { group: "preferences", fingerprint: `auto_spend-${action.enabled}-${action.minimum_points}` }
  }
}

const STANDING = ["delivered", "pending", "sending", "dry_run"]

/** `prefix` names the platform and the customer; `previous` are the customer's rows of that platform with it. */
export function planLoyaltySourceCall(
  prefix: string,
  identity: { group: string; fingerprint: string },
  repeatable: boolean,
  previous: PreviousCall[],
  freshness: { fresh_for_ms?: number; now?: number } = {}
): CallPlan {
  const groupPrefix = `${prefix}|${identity.group}|`
  const rows = previous.filter((row) => row.idempotency_key.startsWith(groupPrefix))
  const standing = rows
    .filter((row) => STANDING.includes(row.status) || (row.status === "dead" && row.in_doubt && !repeatable))
    .sort((a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime() || (b.id > a.id ? 1 : -1))
  const latest = standing[0]
  const stale =
    latest?.status === "delivered" &&
    freshness.fresh_for_ms !== undefined &&
    new Date(latest.created_at).getTime() < (freshness.now ?? Date.now()) - freshness.fresh_for_ms
  if (latest && !stale && latest.idempotency_key.split("|")[2] === identity.fingerprint) {
    return { reuse: latest.id }
  }
  const base = `${groupPrefix}${identity.fingerprint}|${latest?.id ?? "start"}|`
  const tries = rows.filter((row) => row.idempotency_key.startsWith(base)).length
  return { key: `${base}${tries}` }
}
