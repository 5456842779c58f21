export type DeliveryStatus = "pending" | "sending" | "delivered" | "failed" | "dead"
export type ReviewRequestStatus = "scheduled" | "sent" | "canceled" | "skipped" | "failed"

export interface AdminDelivery {
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

export interface AdminReviewRequest {
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
}

export interface AdminOrderEngagement {
  order_id: string
  review_request: AdminReviewRequest | null
  deliveries: AdminDelivery[]
}

export interface AdminDeliveryList {
  deliveries: AdminDelivery[]
  count: number
  offset: number
  limit: number
}
