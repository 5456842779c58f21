import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useMemo } from "react"
import { platformWordsOf, type PlatformWords } from "../../lib/words"
import { sdk } from "../../lib/sdk"
import type {
  AdminDeliveryDetail,
  AdminDeliveryList,
  AdminPlatform,
  AdminReconciliation,
  AdminReviewRequestList,
  AdminReviewRequestRow,
  BulkCancelResult,
  BulkRetryResult,
  BulkRetrySelection,
} from "../../lib/types"
import { engagementQueryKeys } from "./engagement"

/** Keys of the Engagement page, under the plugin's root key so every mutation refreshes them. */
export const engagementPageQueryKeys = {
  platforms: () => [...engagementQueryKeys.all, "platforms"] as const,
  reconciliation: () => [...engagementQueryKeys.all, "reconciliation"] as const,
  deliveryLog: (query: Record<string, unknown>) => [...engagementQueryKeys.all, "delivery-log", query] as const,
  delivery: (id: string) => [...engagementQueryKeys.all, "delivery", id] as const,
  reviewRequests: (query: Record<string, unknown>) => [...engagementQueryKeys.all, "review-requests", query] as const,
}

export type DeliveryLogQuery = {
  limit: number
  offset: number
  status?: string[]
  platform?: string[]
  operation?: string[]
  customer_id?: string
  order_id?: string
  created_at?: { gte?: string; lte?: string }
}

export function usePlatforms() {
  return useQuery({
    queryKey: engagementPageQueryKeys.platforms(),
    queryFn: () => sdk.client.fetch<{ platforms: AdminPlatform[] }>(`/admin/engagement/platforms`),
    refetchInterval: 15_000,
  })
}

/** Platform names and operation labels as the providers give them (the platforms list, fetched once and shared). */
export function usePlatformWords(): PlatformWords {
  const { data } = usePlatforms()
  return useMemo(() => platformWordsOf(data?.platforms), [data])
}

/** What the order reconciliation repaired in the last 24 hours. */
export function useReconciliation() {
  return useQuery({
    queryKey: engagementPageQueryKeys.reconciliation(),
    queryFn: () => sdk.client.fetch<{ reconciliation: AdminReconciliation }>(`/admin/engagement/reconciliation`),
    refetchInterval: 60_000,
  })
}

export function useDeliveryLog(query: DeliveryLogQuery) {
  return useQuery({
    queryKey: engagementPageQueryKeys.deliveryLog(query),
    queryFn: () =>
      sdk.client.fetch<AdminDeliveryList>(`/admin/engagement/deliveries`, {
        query: { ...query, order: "-created_at" },
      }),
    placeholderData: (previous) => previous,
    refetchInterval: 10_000,
  })
}

export function useDelivery(id: string | null) {
  return useQuery({
    queryKey: engagementPageQueryKeys.delivery(id ?? ""),
    queryFn: () => sdk.client.fetch<{ delivery: AdminDeliveryDetail }>(`/admin/engagement/deliveries/${id}`),
    enabled: !!id,
  })
}

/** Bulk retry (at most 100 rows a call). Cache invalidation always runs before the caller's `onSuccess`. */
export function useBulkRetryDeliveries(options: { onSuccess?: (result: BulkRetryResult) => void } = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (selection: BulkRetrySelection) =>
      sdk.client.fetch<BulkRetryResult>(`/admin/engagement/deliveries/retry`, { method: "POST", body: selection }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: engagementQueryKeys.all })
      options.onSuccess?.(result)
    },
  })
}

/** Bulk cancel of failed or dead rows (at most 100 a call). Cache invalidation always runs before the caller's `onSuccess`. */
export function useBulkCancelDeliveries(options: { onSuccess?: (result: BulkCancelResult) => void } = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (selection: BulkRetrySelection) =>
      sdk.client.fetch<BulkCancelResult>(`/admin/engagement/deliveries/cancel`, { method: "POST", body: selection }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: engagementQueryKeys.all })
      options.onSuccess?.(result)
    },
  })
}

/** How many rows the delivery log's filters select, counted by the server (a filtered count is exact). */
export async function countDeliveries(query: Omit<DeliveryLogQuery, "limit" | "offset">): Promise<number> {
  const { count } = await sdk.client.fetch<AdminDeliveryList>(`/admin/engagement/deliveries`, {
    query: { ...query, limit: 1, offset: 0, fields: "id" },
  })
  return count
}

export type ReviewRequestQuery = {
  limit: number
  offset: number
  status?: string[]
  order_id?: string
  customer_id?: string
}

export function useReviewRequests(query: ReviewRequestQuery) {
  return useQuery({
    queryKey: engagementPageQueryKeys.reviewRequests(query),
    queryFn: () =>
      sdk.client.fetch<AdminReviewRequestList>(`/admin/engagement/review-requests`, {
        query: { ...query, order: "-created_at" },
      }),
    placeholderData: (previous) => previous,
  })
}

export type ReviewRequestAction =
  | { id: string; action: "send" }
  | { id: string; action: "cancel"; reason?: string }
  | { id: string; action: "reschedule"; send_at: string }

/** Send now, cancel or change the send date of one review request. Invalidation runs first. */
export function useReviewRequestAction(options: { onSuccess?: (row: AdminReviewRequestRow) => void } = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, action, ...body }: ReviewRequestAction) =>
      sdk.client.fetch<{ review_request: AdminReviewRequestRow }>(`/admin/engagement/review-requests/${id}/${action}`, {
        method: "POST",
        body,
      }),
    onSuccess: async ({ review_request }) => {
      await queryClient.invalidateQueries({ queryKey: engagementQueryKeys.all })
      options.onSuccess?.(review_request)
    },
  })
}
