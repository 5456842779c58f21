/**
 * The shopper's loyalty writes a platform that keeps the points takes instead of the local
 * ledger (`loyalty.source` names it). Each is one outbox row of that platform, sent at once while
 * the shopper waits; the route answers from its outcome. Writes a platform does not take keep
 * answering 409 naming it.
 */
export type LoyaltySourceAction =
  | { kind: "scheme_sign_up"; scheme_id: string; email?: string }
  | { kind: "scheme_verify"; scheme_id: string; code: string }
  | { kind: "scheme_sign_out"; scheme_id: string }
  | { kind: "referral_claim"; code: string }
  | { kind: "referral_invitations"; emails: string[] }
  | { kind: "auto_spend"; enabled: boolean; minimum_points: number }

export type LoyaltySourceActionKind = LoyaltySourceAction["kind"]

/** The outbox row of one action: its operation and payload (the platform's), and how a retry treats it. */
export interface LoyaltySourceCall {
  operation: string
  payload: Record<string, unknown>
  /**
   * Sending it twice changes nothing (it sets a state): after an attempt that may have arrived
   * unanswered, the shopper's retry sends it again. Otherwise the retry answers that attempt's outcome.
   */
  repeatable: boolean
  /**
   * A delivered row of the same write older than this is not the answer to a new request: the
   * write is sent again (asking for a new sign-up code). Unset: a delivered write is never resent.
   */
  fresh_for_ms?: number
}

/** What a finished outbox row means for the shopper. */
export type LoyaltySourceOutcome =
  | { kind: "done"; external_id: string | null }
  /** the platform refused the shopper's input: a 400 naming the field */
  | { kind: "refused"; field: string; reason: string; message: string }
  /** the contact's session ended or is not there yet: a 409, the contact sync renews it */
  | { kind: "not_synced" }
  /** the platform refused the store (its key, its settings): a 424 */
  | { kind: "store_refused" }
  /** no answer (down, 5xx, timeout; `in_doubt` when it may have arrived unanswered): a 424 */
  | { kind: "unavailable"; in_doubt: boolean }

export interface LoyaltySourceWrites {
  /** the platform's name, as the answers name it */
  readonly platform: string
  /** the actions it takes */
  readonly kinds: readonly LoyaltySourceActionKind[]
  /**
   * The call of the signed-in customer's action, for their own contact on the platform (found by
   * the customer id, never by anything in the request). Throws a `LoyaltySourceError` when the
   * contact is not there yet (409) or the platform cannot be read for what the call needs (424).
   */
  build(customerId: string, action: LoyaltySourceAction): Promise<LoyaltySourceCall>
  /** what a delivered, failed or dead row means for the shopper */
  outcome(delivery: {
    operation: string
    status: string
    response_status: number | null
    response_summary: Record<string, unknown> | null
    last_error: string | null
    in_doubt: boolean
    external_id: string | null
  }): LoyaltySourceOutcome
  /** forgets the customer's cached reads, so the next read shows the write */
  forget(customerId: string): Promise<void>
}
