import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { AdminLoyaltySummary } from "../../lib/loyalty-types"
import type { AdminErasure, AdminEraseResult } from "../../lib/types"
import { engagementQueryKeys } from "./engagement"

export const customerActionQueryKeys = {
  erasure: (customerId: string) => [...engagementQueryKeys.all, "erasure", customerId] as const,
}

/** The customer's erasure in force (when, by whom, what platforms still hold), or null. */
export function useErasure(customerId: string) {
  return useQuery({
    queryKey: customerActionQueryKeys.erasure(customerId),
    queryFn: async () =>
      (await sdk.client.fetch<{ erasure: AdminErasure | null }>(`/admin/engagement/contacts/${customerId}/erasure`))
        .erasure,
  })
}

/** Erases the customer; `confirm` is the email the admin typed. Cache invalidation runs before the caller's `onSuccess`. */
export function useEraseCustomer(customerId: string, options: { onSuccess?: (result: AdminEraseResult) => void } = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (confirm: string) =>
      sdk.client.fetch<AdminEraseResult>(`/admin/engagement/contacts/${customerId}/erase`, {
        method: "POST",
        body: { confirm },
      }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: engagementQueryKeys.all })
      options.onSuccess?.(result)
    },
  })
}

/** Blocks or unblocks the customer's spending with the admin's reason. Invalidation runs first. */
export function useSpendingBlock(customerId: string, options: { onSuccess?: (blocked: boolean) => void } = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ blocked, reason }: { blocked: boolean; reason: string }) =>
      sdk.client.fetch<{ loyalty: AdminLoyaltySummary }>(
        `/admin/engagement/contacts/${customerId}/loyalty/${blocked ? "block" : "unblock"}`,
        { method: "POST", body: { reason } }
      ),
    onSuccess: async ({ loyalty }) => {
      await queryClient.invalidateQueries({ queryKey: engagementQueryKeys.all })
      options.onSuccess?.(loyalty.spending_blocked)
    },
  })
}

/** Downloads everything the plugin holds about the customer as a JSON file named after them. */
export function useExportCustomer(customer: { id: string; email: string | null }) {
  return useMutation({
    mutationFn: async () => {
      const data = await sdk.client.fetch<Record<string, unknown>>(`/admin/engagement/contacts/${customer.id}/export`)
      const name = (customer.email ?? "").replace(/[^a-z0-9@._-]+/gi, "-")
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }))
      const link = document.createElement("a")
      link.href = url
      link.download = `engagement-${name ? `${name}-` : ""}${customer.id}.json`
      document.body.appendChild(link)
      link.click()
      link.remove()
      // the browser reads the blob after the click returns
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
      return link.download
    },
  })
}
