/** GET /admin/engagement/loyalty/stats */
export interface AdminLoyaltyStats {
  weeks: { week: string; issued: number; redeemed: number; expired: number; outstanding: number }[]
  /** redeemed ÷ issued over the weeks; null when nothing was issued */
  redemption_rate: number | null
  tiers: { id: string | null; name: string; threshold: number; multiplier: number; members: number }[]
  tier_basis: { basis: "period" | "lifetime"; window_days: number }
  earning: {
    points_per_unit: Record<string, number>
    base: string
    rounding: string
    cap_per_order: number | null
    pending_days: number
    expiry_days: number | null
  }
}

/** GET /admin/engagement/review-requests/stats */
export interface AdminReviewRequestStats {
  weeks: { week: string; scheduled: number; sent: number; clicked: number; reviewed: number }[]
  skip_reasons: { reason: string; count: number }[]
}

export type DeliveryWindow = "24h" | "7d"

/** GET /admin/engagement/platforms/stats */
export interface AdminPlatformStats {
  window: DeliveryWindow
  platforms: { platform: string; name: string; delivered: number; failed: number; waiting: number }[]
}
