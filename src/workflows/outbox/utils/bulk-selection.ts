/** The delivery log's rows a bulk action takes: by ids, or by the log's filters. */
export interface BulkDeliverySelection {
  ids?: string[]
  filter?: {
    status?: ("failed" | "dead")[]
    platform?: string[]
    operation?: string[]
    customer_id?: string[]
    order_id?: string[]
    created_at?: { gte?: string; lte?: string }
  }
}

/** The most rows one bulk action touches; the rest wait for the next one. */
export const MAX_BULK_DELIVERIES = 100

/** The module's filter for a selection: failed or dead rows only, whatever else it asks. */
export function bulkDeliveryFilter(input: BulkDeliverySelection): Record<string, unknown> {
  const filter = input.filter ?? {}
  return {
    status: filter.status?.length ? filter.status : ["failed", "dead"],
    ...(input.ids ? { id: input.ids } : {}),
    ...(filter.platform ? { platform: filter.platform } : {}),
    ...(filter.operation ? { operation: filter.operation } : {}),
    ...(filter.customer_id ? { customer_id: filter.customer_id } : {}),
    ...(filter.order_id ? { order_id: filter.order_id } : {}),
    ...(filter.created_at
      ? {
          created_at: {
            ...(filter.created_at.gte ? { $gte: new Date(filter.created_at.gte) } : {}),
            ...(filter.created_at.lte ? { $lte: new Date(filter.created_at.lte) } : {}),
          },
        }
      : {}),
  }
}
