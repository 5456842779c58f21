import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelDeliveriesWorkflow } from "../../../../../workflows/outbox/workflows/cancel-deliveries"
import type { AdminCancelDeliveriesType } from "../validators"

/**
 * POST /admin/engagement/deliveries/cancel: gives up on failed or dead deliveries chosen by ids or by
 * the log's filters, at most 100 per call (they become `canceled`); says which changed and whether more match.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCancelDeliveriesType>, res: MedusaResponse) => {
  const { result } = await cancelDeliveriesWorkflow(req.scope).run({ input: req.validatedBody })
  res.json(result)
}
