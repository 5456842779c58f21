import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { AdminLoyaltyProgramme, AdminLoyaltySummary, AdminLoyaltyTransactionList } from "../../lib/loyalty-types"
import { engagementQueryKeys } from "./engagement"

export const loyaltyQueryKeys = {
  all: [...engagementQueryKeys.all, "loyalty"] as const,
  programme: () => [...loyaltyQueryKeys.all, "programme"] as const,
  summary: (customerId: string) => [...loyaltyQueryKeys.all, "summary", customerId] as const,
  transactions: (customerId: string, query: Record<string, unknown>) =>
    [...loyaltyQueryKeys.all, "transactions", customerId, query] as const,
}

export function useLoyaltySummary(customerId: string) {
  return useQuery({
    queryKey: loyaltyQueryKeys.summary(customerId),
    queryFn: async () =>
      (await sdk.client.fetch<{ loyalty: AdminLoyaltySummary }>(`/admin/engagement/contacts/${customerId}/loyalty`))
        .loyalty,
    // points move with orders, returns and the maintenance job
    refetchInterval: 30_000,
  })
}

export function useLoyaltyTransactions(customerId: string, query: { limit?: number; offset?: number } = {}) {
  return useQuery({
    queryKey: loyaltyQueryKeys.transactions(customerId, query),
    queryFn: () =>
      sdk.client.fetch<AdminLoyaltyTransactionList>(`/admin/engagement/contacts/${customerId}/loyalty/transactions`, {
        query,
      }),
    placeholderData: (previous) => previous,
    refetchInterval: 30_000,
  })
}

/**
 * Adds or takes points with a reason. One key per opened form, so a double click or a retried
 * request adjusts once. Cache invalidation always runs before the caller's own `onSuccess`.
 */
export function useAdjustLoyaltyPoints(customerId: string, options: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { points: number; reason: string; idempotency_key: string }) =>
      sdk.client.fetch<{ loyalty: AdminLoyaltySummary }>(
        `/admin/engagement/contacts/${customerId}/loyalty/adjustments`,
        {
          method: "POST",
          body,
        }
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: loyaltyQueryKeys.all })
      options.onSuccess?.()
    },
  })
}

/** The programme's liability for the Engagement page. */
export function useLoyaltyProgramme() {
  return useQuery({
    queryKey: loyaltyQueryKeys.programme(),
    queryFn: async () =>
      (await sdk.client.fetch<{ loyalty: AdminLoyaltyProgramme }>(`/admin/engagement/loyalty`)).loyalty,
  })
}
