// type-only imports of the server's own row types (erased from the bundle): each row's shape is said once
import type { PlatformDeliveryCounts, ReviewRequestWeek } from "../../modules/engagement/statistics/chart-rows"
import type { ProgrammeWeek } from "../../modules/loyalty/ledger/weekly"

/** GET /admin/engagement/loyalty/stats */
export interface AdminLoyaltyStats {
  weeks: ProgrammeWeek[]
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
  weeks: ReviewRequestWeek[]
  skip_reasons: { reason: string; count: number }[]
}

export type DeliveryWindow = "24h" | "7d"

/** GET /admin/engagement/platforms/stats */
export interface AdminPlatformStats {
  window: DeliveryWindow
  platforms: (PlatformDeliveryCounts & { name: string })[]
}
