import type { StoreEngagementLoyalty, StoreEngagementReferralStatus } from "../../types/store"
import type { AdminOrderRef } from "./types"

/** What the plugin's admin loyalty routes answer. */

/** The shopper's summary (the published store type) with what only an admin sees. */
export interface AdminLoyaltySummary extends StoreEngagementLoyalty {
  customer_id: string
  /** why spending is blocked (the admin's reason, `debt`); null when it is not */
  blocked_reason?: string | null
  /** the platform that keeps the points, when one does (the store cannot block its spending then) */
  source?: string
  /** carts holding points until they are completed or released */
  holds?: { cart_id: string; points: number; amount: string; currency_code: string; expires_at: string }[]
  /** the customer's referrals as advocate (latest first, at most 20 of `made_count`) and as referee */
  referrals?: { made: AdminLoyaltyReferral[]; made_count: number; received: AdminLoyaltyReferral | null }
  /** the reward schemes the customer is a member of */
  schemes?: { id: string; name: string; email: string | null; joined_at: string }[]
}

export interface AdminLoyaltyReferral {
  id: string
  code: string
  advocate_customer_id: string
  referee_customer_id: string
  referee_email: string
  status: StoreEngagementReferralStatus
  refusal_reason: string | null
  order_id: string | null
  awarded_at: string | null
  created_at: string
}

export interface AdminLoyaltyTransaction {
  id: string
  type: string
  points: number
  debt_change: number
  written_off: number
  order_id: string | null
  /** the order by its number */
  order?: AdminOrderRef | null
  reason: string | null
  actor_type: string | null
  actor_id: string | null
  /** the admin who made an adjustment */
  actor_email: string | null
  expires_at: string | null
  created_at: string
}

export interface AdminLoyaltyTransactionList {
  transactions: AdminLoyaltyTransaction[]
  count: number
  offset: number
  limit: number
}

/** GET /admin/engagement/loyalty: the programme's liability. */
export interface AdminLoyaltyProgramme {
  accounts: number
  balance: number
  pending: number
  reserved: number
  debt: number
  outstanding: number
  value: { currency_code: string; amount: number; points_per_unit: number }[]
  tiers: { tier_id: string | null; name: string | null; members: number }[]
  expiring: { from_days: number; to_days: number | null; points: number }[]
  latest_adjustments: {
    id: string
    customer_id: string
    customer_email: string | null
    points: number
    reason: string | null
    actor_id: string | null
    actor_email: string | null
    created_at: string
  }[]
}
