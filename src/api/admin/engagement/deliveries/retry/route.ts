import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retryDeliveriesWorkflow } from "../../../../../workflows/outbox/workflows/retry-deliveries"
import { resolvedSelection } from "../selection"
import type { AdminRetryDeliveriesType } from "../validators"

/**
 * POST /admin/engagement/deliveries/retry: replays failed or dead deliveries chosen by ids or by
 * the log's filters, at most 100 per call; says which went through and whether more match.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRetryDeliveriesType>, res: MedusaResponse) => {
  const input = await resolvedSelection(req.scope, req.validatedBody)
  if (!input) {
    res.json({ retried: [], skipped: [], has_more: false })
    return
  }
  const { result } = await retryDeliveriesWorkflow(req.scope).run({ input })
  res.json({
    retried: result.retried.map((row) => row.id),
    skipped: result.skipped,
    has_more: result.has_more,
  })
}
