import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { customerIdForContact, transactionsPage } from "../../../../../../utils/loyalty"
import type { AdminGetLoyaltyTransactionsParamsType } from "../../../../loyalty/validators"

/** A contact's ledger, newest first, with the admin who made each adjustment. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetLoyaltyTransactionsParamsType>,
  res: MedusaResponse
) => {
  const customerId = await customerIdForContact(req.scope, req.params.id)
  const page = await transactionsPage(
    req.scope,
    customerId,
    { type: req.validatedQuery.type, limit: req.queryConfig.pagination.take!, offset: req.queryConfig.pagination.skip },
    req.queryConfig.fields
  )
  res.json(page)
}
