import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { customerIdForContact, loyaltyOf } from "../../../../../utils/loyalty"

/** A contact's loyalty summary, as the shopper sees it. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customerId = await customerIdForContact(req.scope, req.params.id)
  res.json({ loyalty: { customer_id: customerId, ...(await loyaltyOf(req.scope).getLoyaltySummary(customerId)) } })
}
