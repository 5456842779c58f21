import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { LedgerDifference } from "../../../modules/loyalty/ledger/verify"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { LOYALTY_CREDIT_REFERENCE } from "../steps/prepare-cart-redemption"

const PAGE = 500

type CreditLine = { reference?: string | null; metadata?: Record<string, unknown> | null }

/**
 * Where an order's money and the ledger disagree (the loyalty module sees neither carts nor
 * orders, so this reads both sides): a completed cart whose points are still held, and an order
 * whose loyalty credit line is not matched by exactly one `redeem` row of the same points. Every
 * cart that ever held points has a reservation row, so the orders are found from those.
 */
export async function verifyOrderRedemptions(container: MedusaContainer): Promise<LedgerDifference[]> {
  const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const differences: LedgerDifference[] = []
  for (let skip = 0; ; skip += PAGE) {
    const reservations = await loyalty.listLoyaltyReservations(
      {},
      { select: ["cart_id", "customer_id", "points", "status"], order: { id: "ASC" }, skip, take: PAGE }
    )
    if (!reservations.length) {
      break
    }
    const { data: carts } = await query.graph({
      entity: "cart",
      fields: ["id", "completed_at"],
      filters: { id: reservations.map((reservation) => reservation.cart_id) },
    })
    const completed = new Set(
      (carts as { id: string; completed_at: Date | null }[]).filter((cart) => cart.completed_at).map((cart) => cart.id)
    )
    for (const reservation of reservations.filter((row) => row.status === "held" && completed.has(row.cart_id))) {
      differences.push({
        customer_id: reservation.customer_id,
        field: `points held for completed cart ${reservation.cart_id}`,
        stored: reservation.points,
        ledger: 0,
      })
    }
    if (!completed.size) {
      continue
    }
    const { data: links } = await query.graph({
      entity: "order_cart",
      fields: ["order_id"],
      filters: { cart_id: [...completed] },
    })
    const orderIds = (links as { order_id: string }[]).map((link) => link.order_id)
    if (!orderIds.length) {
      continue
    }
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "customer_id", "credit_lines.reference", "credit_lines.metadata"],
      filters: { id: orderIds },
    })
    const redeems = await loyalty.listLoyaltyTransactions(
      { order_id: orderIds, type: "redeem" },
      { select: ["order_id", "points"] }
    )
    for (const order of orders as { id: string; customer_id: string | null; credit_lines?: CreditLine[] | null }[]) {
      const credited = (order.credit_lines ?? [])
        .filter((line) => line.reference === LOYALTY_CREDIT_REFERENCE)
        .reduce((sum, line) => sum + Number(line.metadata?.points ?? 0), 0)
      const rows = redeems.filter((row) => row.order_id === order.id)
      const redeemed = rows.reduce((sum, row) => sum - row.points, 0)
      if (credited > 0 && (rows.length !== 1 || redeemed !== credited)) {
        differences.push({
          customer_id: order.customer_id ?? "",
          field: `order ${order.id}: loyalty credit line against its redeem rows (${rows.length})`,
          stored: credited,
          ledger: redeemed,
        })
      }
    }
  }
  return differences
}
