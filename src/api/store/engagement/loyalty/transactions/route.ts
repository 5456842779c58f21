import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { transactionsPage, withShopperOrderNumbers } from "../../../../../workflows/loyalty/utils/transactions-page"
import type { StoreGetLoyaltyTransactionsParamsType } from "../validators"
import type { StoreEngagementLoyaltyTransactionsResponse } from "../../../../../types/store"
import type { Sent } from "../../../../utils/sent"

/** The signed-in shopper's own ledger, newest first, each order's row with the order's number. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, StoreGetLoyaltyTransactionsParamsType>,
  res: MedusaResponse<Sent<StoreEngagementLoyaltyTransactionsResponse>>
) => {
  const customerId = req.auth_context.actor_id
  const page = await transactionsPage(
    req.scope,
    customerId,
    { type: req.validatedQuery.type, limit: req.queryConfig.pagination.take!, offset: req.queryConfig.pagination.skip },
    req.queryConfig.fields
  )
  res.json({ ...page, transactions: await withShopperOrderNumbers(req.scope, customerId, page.transactions) })
}
