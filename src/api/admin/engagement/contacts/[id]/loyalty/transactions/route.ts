import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { withOrderNumbers } from "../../../../../people"
import { customerIdForContact } from "../../../helpers"
import { transactionsPage } from "../../../../../../../workflows/loyalty/utils/transactions-page"
import type { AdminGetLoyaltyTransactionsParamsType } from "../../../../loyalty/validators"

/** A contact's ledger, newest first, with the admin who made each adjustment and each order's number. */
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
  // who made each adjustment, by email, for the admin (a shopper's view never has it)
  const adminIds = [
    ...new Set(page.transactions.map((row) => row.actor_type === "user" && row.actor_id).filter(Boolean)),
  ] as string[]
  const admins = adminIds.length
    ? await req.scope.resolve(Modules.USER).listUsers({ id: adminIds }, { select: ["id", "email"] })
    : []
  const emails = new Map(admins.map((user) => [user.id, user.email]))
  const named = await withOrderNumbers(req.scope, page.transactions)
  res.json({
    ...page,
    transactions: named.map((row) => ({
      ...row,
      actor_email: row.actor_id ? (emails.get(row.actor_id) ?? null) : null,
    })),
  })
}
