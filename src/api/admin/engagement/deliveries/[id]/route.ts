import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refetchDelivery } from "./helpers"

/** GET /admin/engagement/deliveries/:id: one delivery with its payload and the platform's answer. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const delivery = await refetchDelivery(req.params.id, req.scope, req.queryConfig.fields)
  res.json({ delivery })
}
