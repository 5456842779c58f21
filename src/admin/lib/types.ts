// type-only imports of the server's own types (erased from the bundle): the answer's shape is said once
import type { DeliveryCounts, PlatformDeliveryHealth } from "../../modules/engagement/outbox/health"
import type { PlatformState } from "../../modules/engagement/outbox/platform-state"
import type { StoreEngagementConsentValue } from "../../types/store"

export type { DeliveryCounts, PlatformState }

export type DeliveryStatus = "pending" | "sending" | "delivered" | "failed" | "dead" | "canceled" | "dry_run"
export type ReviewRequestStatus = "scheduled" | "sent" | "canceled" | "skipped" | "failed"

/** An order as a list names it: by its number (`display_id`, "#5"). */
export interface AdminOrderRef {
  id: string
  display_id: number | null
}

/** A customer as a list names it; null when the row has none or the customer is gone. */
export interface AdminCustomerRef {
  id: string
  name: string | null
  email: string | null
}

/** What the admin's list routes add to each row: its order and its customer, by name. */
export interface WithPeople {
  order?: AdminOrderRef | null
  customer?: AdminCustomerRef | null
}

export interface AdminDelivery extends WithPeople {
  id: string
  platform: string
  operation: string
  status: DeliveryStatus
  attempts: number
  max_attempts: number
  next_attempt_at: string
  last_attempt_at: string | null
  delivered_at: string | null
  last_error: string | null
  response_status: number | null
  external_id: string | null
  customer_id: string | null
  order_id: string | null
  created_at: string
}

export interface AdminReviewRequest extends WithPeople {
  id: string
  order_id: string
  status: ReviewRequestStatus
  trigger: string
  send_at: string | null
  sent_at: string | null
  channel: string | null
  external_id: string | null
  reason: string | null
  excluded_items: { title: string; reason: string }[] | null
  reminders_sent?: number
  next_reminder_at?: string | null
  clicked_at?: string | null
}

export interface AdminOrderEngagement {
  order_id: string
  review_request: AdminReviewRequest | null
  deliveries: AdminDelivery[]
  loyalty: { earned: number; redeemed: number; reversed: number; restored: number }
}

export interface AdminDeliveryList {
  deliveries: AdminDelivery[]
  count: number
  offset: number
  limit: number
}

export type ConsentValue = StoreEngagementConsentValue

/** A purpose's current value (null until the customer has chosen). */
export interface AdminCurrentConsent {
  purpose: string
  channel: string | null
  description: string | null
  value: ConsentValue | null
  source: string | null
  recorded_at: string | null
}

/** One row of the consent ledger. */
export interface AdminConsentRecord {
  id: string
  purpose: string
  channel: string | null
  value: ConsentValue
  source: string
  recorded_at: string
  actor_type: string | null
  actor_id: string | null
  ip: string | null
  user_agent: string | null
  wording: string | null
  info: Record<string, unknown> | null
}

/** What one platform has of the contact (present once contact sync is in place). */
export interface AdminContactSync {
  platform: string
  status: string
  external_id: string | null
  changes_waiting?: boolean
  last_synced_at: string | null
  last_error: string | null
}

export interface AdminContact {
  id: string
  customer_id: string
  email: string | null
  phone: string | null
  crm_id: string | null
  first_name: string | null
  last_name: string | null
  /** a calendar day, YYYY-MM-DD */
  date_of_birth: string | null
  gender: "Male" | "Female" | "NotSpecified" | null
  language?: string | null
  external_ids: Record<string, string> | null
  custom_attributes: Record<string, string> | null
  total_spent: number
  order_count: number
  return_count: number
  average_order_value: number
  average_price_point: number
  first_order_at: string | null
  last_order_at: string | null
  average_days_between_orders: number | null
  currency_code: string | null
  rfm_segment: string | null
  consents: AdminCurrentConsent[]
  /** the latest changes, newest first (at most 50) */
  consent_history: AdminConsentRecord[]
  /** older changes exist beyond `consent_history` (the personal-data export has them all) */
  consent_history_more: boolean
  sync?: AdminContactSync[]
}

export interface AdminDeliveryDetail extends AdminDelivery {
  payload: Record<string, unknown>
  response_summary: Record<string, unknown> | null
  /** a dry run's request as it would have been sent, its secret values masked */
  dry_run_request?: { method: string; url: string; headers: Record<string, string>; body: unknown } | null
  in_doubt: boolean
}

/** GET /admin/engagement/reconciliation: orders whose lost engagement work the reconciliation did. */
export interface AdminReconciliation {
  since: string
  hours: number
  orders_repaired: number
  order_ids: string[]
  last_repair_at: string | null
  kinds: { kind: string; count: number; order_ids: string[] }[]
}

/** One platform as GET /admin/engagement/platforms shows it: never an option, key or secret. */
export interface AdminPlatform {
  id: string
  name: string
  configured: boolean
  state: PlatformState
  /** the rule and the numbers it was judged on, in words */
  state_rule: string
  operations: string[]
  /** what each operation does, in words, as its provider says ("Conversion"); an operation without one is shown by its id */
  operation_labels: Record<string, string>
  deliveries: { last_24h: DeliveryCounts; all: DeliveryCounts }
  last_error: PlatformDeliveryHealth["last_error"]
  paused_until: string | null
  contact_sync: Record<string, number> | null
}

export interface AdminReviewRequestRow extends AdminReviewRequest {
  customer_id: string | null
  email: string | null
  delivery_id: string | null
  created_at: string
}

export interface AdminReviewRequestList {
  review_requests: AdminReviewRequestRow[]
  count: number
  offset: number
  limit: number
}

/** What POST /admin/engagement/deliveries/retry selects: ids, or the log's filters. */
export type BulkRetrySelection =
  | { ids: string[] }
  | {
      filter: {
        status?: ("failed" | "dead")[]
        platform?: string[]
        operation?: string[]
        customer_id?: string[]
        order_id?: string[]
        created_at?: { gte?: string; lte?: string }
      }
    }

export interface BulkRetryResult {
  retried: string[]
  skipped: string[]
  has_more: boolean
}

/** What each platform was told at an erasure and still holds (to delete there by hand). */
export interface AdminErasurePlatform {
  name: string
  stop_calls: string[]
  still_held: string[]
}

/** GET /admin/engagement/contacts/:id/erasure: an erasure in force. */
export interface AdminErasure {
  id: string
  erased_at: string
  erased_by: { type: string; id: string; name: string | null; email: string | null }
  platforms: Record<string, AdminErasurePlatform>
}

/** POST /admin/engagement/contacts/:id/erase */
export interface AdminEraseResult {
  erasure_id: string
  customer_id: string
  erased: Record<string, number>
  platforms: (AdminErasurePlatform & { id: string })[]
}

/** POST /admin/engagement/deliveries/cancel */
export interface BulkCancelResult {
  canceled: string[]
  skipped: string[]
  has_more: boolean
}
