import type { FetchError } from "@medusajs/js-sdk"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { AdminContact, AdminDelivery, AdminDeliveryList, AdminOrderEngagement } from "../../lib/types"

/** Query keys in one place, so a mutation invalidates exactly what it changed. */
export const engagementQueryKeys = {
  all: ["engagement"] as const,
  order: (orderId: string) => [...engagementQueryKeys.all, "order", orderId] as const,
  deliveries: (query: Record<string, unknown>) => [...engagementQueryKeys.all, "deliveries", query] as const,
  contact: (id: string) => [...engagementQueryKeys.all, "contact", id] as const,
}

export function useOrderEngagement(orderId: string) {
  return useQuery({
    queryKey: engagementQueryKeys.order(orderId),
    queryFn: () => sdk.client.fetch<AdminOrderEngagement>(`/admin/orders/${orderId}/engagement`),
    // a delivery moves on its own (retries, the sweep job): keep the view fresh while it is open
    refetchInterval: 10_000,
  })
}

export function useDeliveries(query: { customer_id?: string; order_id?: string; limit?: number; offset?: number }) {
  return useQuery({
    queryKey: engagementQueryKeys.deliveries(query),
    queryFn: () =>
      sdk.client.fetch<AdminDeliveryList>(`/admin/engagement/deliveries`, {
        query: { ...query, order: "-created_at" },
      }),
    // the page being left stays shown until the next one arrives
    placeholderData: (previous) => previous,
    refetchInterval: 10_000,
  })
}

/**
 * A contact with statistics, current consents and their history, by contact or customer id;
 * null when the customer has no profile yet (the API answers 404).
 */
export function useContact(id: string) {
  return useQuery({
    queryKey: engagementQueryKeys.contact(id),
    queryFn: async () => {
      try {
        const { contact } = await sdk.client.fetch<{ contact: AdminContact }>(`/admin/engagement/contacts/${id}`)
        return contact
      } catch (error) {
        if ((error as FetchError).status === 404) {
          return null
        }
        throw error
      }
    },
    // statistics and consents change with the customer's orders and choices, and sync state on its own
    refetchInterval: 30_000,
  })
}

/**
 * Replays a failed or dead delivery. Cache invalidation always runs; the caller's own
 * `onSuccess` runs after it instead of replacing it.
 */
export function useRetryDelivery(options: { onSuccess?: (delivery: AdminDelivery) => void } = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<{ delivery: AdminDelivery }>(`/admin/engagement/deliveries/${id}/retry`, {
        method: "POST",
        body: {},
      }),
    onSuccess: async ({ delivery }) => {
      await queryClient.invalidateQueries({ queryKey: engagementQueryKeys.all })
      options.onSuccess?.(delivery)
    },
  })
}

/**
 * Sends a contact to platforms again now; `reset` makes the plugin forget what it sent and look the
 * contact up anew (after a conflict was merged on the platform). Cache invalidation always runs.
 */
export function useSyncContact(contactId: string, options: { onSuccess?: (contact: AdminContact) => void } = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { platforms?: string[]; reset?: boolean }) =>
      sdk.client.fetch<{ contact: AdminContact }>(`/admin/engagement/contacts/${contactId}/sync`, {
        method: "POST",
        body,
      }),
    onSuccess: async ({ contact }) => {
      await queryClient.invalidateQueries({ queryKey: engagementQueryKeys.all })
      options.onSuccess?.(contact)
    },
  })
}
