import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { contactDetail } from "../../helpers"

/** GET /admin/engagement/contacts/email/:email (as the contacts API's GET /customers/email/{email}). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const email = req.params.email.toLowerCase()
  res.json(await contactDetail(req.scope, { email }, `email ${email}`))
}
