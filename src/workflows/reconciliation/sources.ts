import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ordersOfPaymentCollections } from "../loyalty/utils/payment-collection-orders"
import type { ReconciliationItem, ReconciliationSource } from "./types"

export const ORDER_PLACED_SOURCE = "order_placed"
export const ORDER_CANCELED_SOURCE = "order_canceled"
export const RETURN_RECEIVED_SOURCE = "return_received"
export const REFUND_CREATED_SOURCE = "refund_created"

interface SourceOrder {
  id: string
  created_at: Date | string
  canceled_at?: Date | string | null
  customer_id?: string | null
  email?: string | null
  status?: string | null
  metadata?: Record<string, unknown> | null
  customer?: { has_account?: boolean | null } | null
}

const ORDER_FIELDS = [
  "id",
  "created_at",
  "canceled_at",
  "customer_id",
  "email",
  "status",
  "metadata",
  "customer.has_account",
]

function orderItem(order: SourceOrder, id: string, at: Date | string): ReconciliationItem {
  return {
    id,
    at: new Date(at),
    order_id: order.id,
    customer_id: order.customer_id ?? null,
    email: order.email ?? null,
    status: order.status ?? null,
    metadata: order.metadata ?? null,
    has_account: !!order.customer?.has_account,
  }
}

/** Orders by the time of `field` (created_at, canceled_at) within the range, oldest first. */
function ordersBy(field: "created_at" | "canceled_at"): ReconciliationSource["list"] {
  return async (container, { from, until, take }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ORDER_FIELDS,
      filters: { [field]: { $gte: from, $lte: until } },
      pagination: { take, order: { [field]: "ASC", id: "ASC" } },
    })
    return (data as SourceOrder[]).map((order) => orderItem(order, order.id, order[field]!))
  }
}

/** Returns received within the range, oldest first, with their order. */
async function returnsReceived(
  container: MedusaContainer,
  { from, until, take }: { from: Date; until: Date; take: number }
): Promise<ReconciliationItem[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "return",
    fields: ["id", "received_at", "order_id", ...ORDER_FIELDS.map((field) => `order.${field}`)],
    filters: { received_at: { $gte: from, $lte: until } },
    pagination: { take, order: { received_at: "ASC", id: "ASC" } },
  })
  const returns = data as { id: string; received_at: Date | string; order?: SourceOrder | null }[]
  return returns.filter((ret) => ret.order).map((ret) => orderItem(ret.order!, ret.id, ret.received_at))
}

/**
 * Refunds made within the range, oldest first, with the order they gave money back on (the
 * refund's payment → its collection → the order linked to it); a refund of no order is left out.
 */
async function refundsCreated(
  container: MedusaContainer,
  { from, until, take }: { from: Date; until: Date; take: number }
): Promise<ReconciliationItem[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "refund",
    fields: ["id", "created_at", "payment.payment_collection_id"],
    filters: { created_at: { $gte: from, $lte: until } },
    pagination: { take, order: { created_at: "ASC", id: "ASC" } },
  })
  const refunds = data as { id: string; created_at: Date | string; payment?: { payment_collection_id?: string } }[]
  const collectionIds = [
    ...new Set(refunds.map((r) => r.payment?.payment_collection_id).filter((id): id is string => !!id)),
  ]
  const orderOf = await ordersOfPaymentCollections(container, collectionIds)
  const orderIds = [...new Set(orderOf.values())]
  const { data: orders } = orderIds.length
    ? await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: orderIds } })
    : { data: [] }
  const byId = new Map((orders as SourceOrder[]).map((order) => [order.id, order]))
  return refunds.flatMap((refund) => {
    const order = byId.get(orderOf.get(refund.payment?.payment_collection_id ?? "") ?? "")
    return order ? [orderItem(order, refund.id, refund.created_at)] : []
  })
}

/** The sources of work, in the order a run checks them. */
export const RECONCILIATION_SOURCES: ReconciliationSource[] = [
  { id: ORDER_PLACED_SOURCE, list: ordersBy("created_at") },
  { id: ORDER_CANCELED_SOURCE, list: ordersBy("canceled_at") },
  { id: RETURN_RECEIVED_SOURCE, list: returnsReceived },
  { id: REFUND_CREATED_SOURCE, list: refundsCreated },
]
