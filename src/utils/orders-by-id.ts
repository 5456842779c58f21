import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export type OrderRow = { id: string; display_id?: number | null; customer_id?: string | null }

/**
 * The orders of a page of rows by id (their number and customer), in one query for the whole
 * page, never one per row; only `only.customer_id`'s orders when given (a shopper's own). Rows
 * without an order, and ids named twice, are skipped.
 */
export async function ordersById(
  scope: MedusaContainer,
  ids: (string | null | undefined)[],
  only: { customer_id?: string } = {}
): Promise<Map<string, OrderRow>> {
  const distinct = [...new Set(ids.filter((id): id is string => !!id))]
  if (!distinct.length) {
    return new Map()
  }
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: ["id", "display_id", "customer_id"],
    filters: { id: distinct, ...only },
  })
  return new Map((data as OrderRow[]).map((order) => [order.id, order]))
}
