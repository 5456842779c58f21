import type LoyaltyModuleService from "../../../modules/loyalty/service"

/** The points an order moved, by kind (earned and restored positive, redeemed and reversed negative). */
export async function orderPoints(loyalty: LoyaltyModuleService, orderId: string) {
  const rows = await loyalty.listLoyaltyTransactions({ order_id: orderId }, { select: ["type", "points"] })
  const sum = (type: string) => rows.filter((row) => row.type === type).reduce((total, row) => total + row.points, 0)
  return { earned: sum("earn"), redeemed: sum("redeem"), reversed: sum("reverse"), restored: sum("restore") }
}
