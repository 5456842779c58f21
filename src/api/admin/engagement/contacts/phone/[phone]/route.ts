import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { contactDetail } from "../../helpers"

/** GET /admin/engagement/contacts/phone/:phone (spaces are ignored, as phones are stored without). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const phone = req.params.phone.replace(/\s+/g, "")
  res.json(await contactDetail(req.scope, { phone }, `phone ${phone}`))
}
