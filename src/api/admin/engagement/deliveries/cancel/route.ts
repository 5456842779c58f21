import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelDeliveriesWorkflow } from "../../../../../workflows/outbox/workflows/cancel-deliveries"
import { resolvedSelection } from "../selection"
import type { AdminCancelDeliveriesType } from "../validators"

/**
 * POST /admin/engagement/deliveries/cancel: gives up on failed or dead deliveries chosen by ids or by
 * the log's filters, at most 100 per call (they become `canceled`); says which changed and whether more match.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCancelDeliveriesType>, res: MedusaResponse) => {
  const input = await resolvedSelection(req.scope, req.validatedBody)
  if (!input) {
    res.json({ canceled: [], skipped: [], has_more: false })
    return
  }
  const { result } = await cancelDeliveriesWorkflow(req.scope).run({ input })
  res.json(result)
}
