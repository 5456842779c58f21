import type { MedusaContainer } from "@medusajs/framework/types"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"

/** A page of a customer's ledger, newest first, with the fields the caller may see. */
export async function transactionsPage(
  scope: MedusaContainer,
  customerId: string,
  params: { type?: string | string[]; limit: number; offset: number },
  select: string[]
) {
  const filters: Record<string, unknown> = { customer_id: customerId }
  if (params.type) {
    filters.type = params.type
  }
  const [transactions, count] = await scope
    .resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    .listAndCountLoyaltyTransactions(filters, {
      select,
      order: { created_at: "DESC", id: "DESC" },
      take: params.limit,
      skip: params.offset,
    })
  return { transactions, count, offset: params.offset, limit: params.limit }
}
