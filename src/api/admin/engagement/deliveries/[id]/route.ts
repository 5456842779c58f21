import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { withPeople } from "../../../people"
import { refetchDelivery } from "./helpers"

/** GET /admin/engagement/deliveries/:id: one delivery with its payload, the platform's answer, its order's number and its customer. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const delivery = await refetchDelivery(req.params.id, req.scope, req.queryConfig.fields)
  const [named] = await withPeople(req.scope, [delivery])
  res.json({ delivery: named })
}
