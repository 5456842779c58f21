import type { MedusaContainer } from "@medusajs/framework/types"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { ordersById } from "../../../utils/orders-by-id"

/** A page of a customer's ledger, newest first, with the fields the caller may see. */
export async function transactionsPage(
  scope: MedusaContainer,
  customerId: string,
  params: { type?: string | string[]; limit: number; offset: number },
  select: string[]
) {
  const loyalty = scope.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
  const types = params.type === undefined ? undefined : [params.type].flat()
  // the count from the account's row counts, not a COUNT over its history: the first page costs
  // the same after ten rows or a hundred thousand (its rows come from the top of an index; with a
  // type filter, from the top of each type's)
  const [transactions, count] = await Promise.all([
    types
      ? loyalty.listTypedLoyaltyTransactions(customerId, types, { select, take: params.limit, skip: params.offset })
      : loyalty.listLoyaltyTransactions(
          { customer_id: customerId },
          { select, order: { created_at: "DESC", id: "DESC" }, take: params.limit, skip: params.offset }
        ),
    loyalty.countLoyaltyTransactions(customerId, types),
  ])
  return { transactions, count, offset: params.offset, limit: params.limit }
}

/**
 * The page's rows with the number the shopper knows each order by (`#5`), looked up once for the
 * page and only among the customer's own orders: null for a row of no order.
 */
export async function withShopperOrderNumbers<T extends { order_id?: string | null }>(
  scope: MedusaContainer,
  customerId: string,
  rows: T[]
): Promise<(T & { order_display_id: number | null })[]> {
  const orders = await ordersById(
    scope,
    rows.map((row) => row.order_id),
    { customer_id: customerId }
  )
  return rows.map((row) => ({
    ...row,
    order_display_id: (row.order_id && orders.get(row.order_id)?.display_id) || null,
  }))
}
