import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { erasureInForce } from "../../erasure-in-force"
import { customerIdForContact } from "../../helpers"

/**
 * GET /admin/engagement/contacts/:id/erasure: the customer's erasure in force (when, by which
 * admin, what each platform still holds), or `erasure: null`. `:id` is the Medusa customer id (the
 * contact profile is gone after an erasure) or a contact id.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customerId = await customerIdForContact(req.scope, req.params.id)
  res.json({ erasure: await erasureInForce(req.scope, customerId) })
}
