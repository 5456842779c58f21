import { useQuery } from "@tanstack/react-query"
import type {
  AdminLoyaltyStats,
  AdminPlatformStats,
  AdminReviewRequestStats,
  DeliveryWindow,
} from "../../lib/chart-types"
import { sdk } from "../../lib/sdk"
import { engagementQueryKeys } from "./engagement"

/** Keys of the charts, under the plugin's root key so every mutation refreshes them. */
export const chartQueryKeys = {
  loyalty: () => [...engagementQueryKeys.all, "charts", "loyalty"] as const,
  reviewRequests: () => [...engagementQueryKeys.all, "charts", "review-requests"] as const,
  platforms: (window: DeliveryWindow) => [...engagementQueryKeys.all, "charts", "platforms", window] as const,
}

/** The programme's last 12 weeks, tiers and earning rules. */
export function useLoyaltyStats() {
  return useQuery({
    queryKey: chartQueryKeys.loyalty(),
    queryFn: async () =>
      (
        await sdk.client.fetch<{ stats: AdminLoyaltyStats }>(`/admin/engagement/loyalty/stats`, {
          query: { weeks: 12 },
        })
      ).stats,
    refetchInterval: 60_000,
  })
}

/** The review requests' funnel over the last 12 weeks and the skip reasons. */
export function useReviewRequestStats() {
  return useQuery({
    queryKey: chartQueryKeys.reviewRequests(),
    queryFn: async () =>
      (
        await sdk.client.fetch<{ stats: AdminReviewRequestStats }>(`/admin/engagement/review-requests/stats`, {
          query: { weeks: 12 },
        })
      ).stats,
    refetchInterval: 60_000,
  })
}

/** Each platform's deliveries by outcome over the window. */
export function usePlatformStats(window: DeliveryWindow) {
  return useQuery({
    queryKey: chartQueryKeys.platforms(window),
    queryFn: async () =>
      (
        await sdk.client.fetch<{ stats: AdminPlatformStats }>(`/admin/engagement/platforms/stats`, {
          query: { window },
        })
      ).stats,
    placeholderData: (previous) => previous,
    refetchInterval: 15_000,
  })
}
