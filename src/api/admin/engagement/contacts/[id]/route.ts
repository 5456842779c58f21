import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { contactDetail, contactFilterFor } from "../helpers"

/** GET /admin/engagement/contacts/:id: the contact with statistics and consents (id or customer id). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const id = req.params.id
  res.json(await contactDetail(req.scope, contactFilterFor(id), `id ${id}`))
}
