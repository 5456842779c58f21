// canceled: never to be sent (its shopper was erased); never retried
// `dry_run`: built, signed and checked as it would be sent, and not sent (see "Dry-run" in docs/delivery-guarantees.md)
export const DELIVERY_STATUSES = ["pending", "sending", "delivered", "failed", "dead", "canceled", "dry_run"] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

// the consent values platforms take (false, waiting for a double opt-in, true)
export const CONSENT_VALUES = ["False", "AwaitingConfirmation", "True"] as const
export type ConsentValue = (typeof CONSENT_VALUES)[number]

export const CONSENT_SOURCES = ["checkout", "storefront", "admin", "email_link", "platform", "import"] as const
export type ConsentSource = (typeof CONSENT_SOURCES)[number]

export interface DeliveryRecord {
  id: string
  /**
   * the capability that wrote the row (one of `DELIVERY_ORIGINS`), or "unknown": written before
   * origins were recorded, by what its key, erased since, no longer tells
   */
  origin: string
  platform: string
  operation: string
  payload: Record<string, unknown>
  idempotency_key: string
  status: DeliveryStatus
  attempts: number
  max_attempts: number
  next_attempt_at: Date
  locked_until: Date | null
  /** an earlier attempt may have arrived unanswered: this attempt is a resend after an unknown outcome */
  in_doubt: boolean
  last_attempt_at: Date | null
  delivered_at: Date | null
  last_error: string | null
  response_status: number | null
  response_summary: Record<string, unknown> | null
  external_id: string | null
  customer_id: string | null
  order_id: string | null
  subject_id: string | null
  /** a dry-run row's request as it would have been sent, its secret header values masked */
  dry_run_request?: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

export interface EnqueueResult {
  delivery: DeliveryRecord
  /** false when a row with the same idempotency key already existed */
  created: boolean
}

/**
 * A contact's sync with one platform: pending (changes waiting), syncing (a call in flight),
 * synced, or stopped until something changes: conflict (several platform contacts match),
 * needs_linking (exists on the platform with credentials the plugin does not hold), error.
 */
export const CONTACT_SYNC_STATUSES = ["pending", "syncing", "synced", "conflict", "needs_linking", "error"] as const
export type ContactSyncStatus = (typeof CONTACT_SYNC_STATUSES)[number]

export const REVIEW_REQUEST_STATUSES = ["scheduled", "sent", "canceled", "skipped", "failed"] as const
export type ReviewRequestStatus = (typeof REVIEW_REQUEST_STATUSES)[number]

/** What starts the review request's clock. */
export const REVIEW_REQUEST_TRIGGERS = ["placed", "fulfilled", "shipped", "delivered"] as const
export type ReviewRequestTrigger = (typeof REVIEW_REQUEST_TRIGGERS)[number]

export interface ReviewRequestRecord {
  id: string
  order_id: string
  customer_id: string | null
  email: string | null
  status: ReviewRequestStatus
  trigger: ReviewRequestTrigger
  send_at: Date | null
  sent_at: Date | null
  locked_until: Date | null
  channel: string | null
  external_id: string | null
  delivery_id: string | null
  reason: string | null
  purchases: unknown
  excluded_items: unknown
  delay_seconds: number | null
  reminders_sent: number
  next_reminder_at: Date | null
  clicked_at: Date | null
  created_at: Date
  updated_at: Date
}

export interface ScheduleReviewRequestInput {
  order_id: string
  customer_id?: string | null
  email?: string | null
  status: ReviewRequestStatus
  trigger: ReviewRequestTrigger
  send_at?: Date | string | null
  /** the delay its products ask for, counted from the trigger */
  delay_seconds?: number | null
  reason?: string | null
  purchases?: unknown
  excluded_items?: unknown
}

export interface RecordConsentInput {
  customer_id: string
  purpose: string
  value: ConsentValue
  source: ConsentSource
  channel?: string | null
  actor_type?: string | null
  actor_id?: string | null
  ip?: string | null
  user_agent?: string | null
  wording?: string | null
  info?: Record<string, unknown> | null
}

/** A requested consent change, as the ledger weighs it. */
export interface ConsentChangeInput extends RecordConsentInput {
  /** a fixed ledger id: the row is written once (a checkout's choice per order and purpose) */
  id?: string
  /** a confirmation link: the id of the AwaitingConfirmation row it confirms */
  confirms?: string
}

export interface ConsentChangeResult {
  /** the ledger rows written (an unchanged value writes none) */
  created: (Omit<RecordConsentInput, "channel"> & { id: string; channel: string | null; recorded_at: Date })[]
  /** each purpose's state once the change was weighed */
  current: { customer_id: string; purpose: string; value: ConsentValue; recorded_at: Date }[]
  /** confirmation emails to send, each noted once: the request confirmed and the send's round */
  confirmations: { customer_id: string; purpose: string; request_id: string; round: number }[]
}
