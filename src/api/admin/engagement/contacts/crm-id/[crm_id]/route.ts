import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { contactDetail } from "../../helpers"

/** GET /admin/engagement/contacts/crm-id/:crm_id (as the contacts API's GET /customers/crmId/{crmId}). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await contactDetail(req.scope, { crm_id: req.params.crm_id }, `CRM id ${req.params.crm_id}`))
}
