import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { customerIdForContact, loyaltyOf } from "../../../../../utils/loyalty"

/** A contact's loyalty summary, as the shopper sees it, with the carts holding points. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customerId = await customerIdForContact(req.scope, req.params.id)
  const loyalty = loyaltyOf(req.scope)
  const [summary, holds] = await Promise.all([loyalty.getLoyaltySummary(customerId), loyalty.listHeldReservations(customerId)])
  res.json({
    loyalty: {
      customer_id: customerId,
      ...summary,
      holds: holds.map(({ cart_id, points, amount, currency_code, expires_at }) => ({ cart_id, points, amount, currency_code, expires_at })),
    },
  })
}
