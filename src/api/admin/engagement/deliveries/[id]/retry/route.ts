import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retryDeliveryWorkflow } from "../../../../../../workflows/outbox/workflows/retry-delivery"
import type { AdminRetryDeliveryType } from "../../validators"
import { refetchDelivery } from "../helpers"

/** POST /admin/engagement/deliveries/:id/retry: replays a failed or dead delivery. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRetryDeliveryType>, res: MedusaResponse) => {
  await retryDeliveryWorkflow(req.scope).run({ input: { id: req.params.id } })
  const delivery = await refetchDelivery(req.params.id, req.scope, req.queryConfig.fields)
  res.json({ delivery })
}
