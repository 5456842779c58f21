import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelReviewRequestByAdminWorkflow } from "../../../../../../workflows/review-requests/workflows/cancel-review-request-by-admin"
import { refetchReviewRequest } from "../../helpers"
import type { AdminCancelReviewRequestType } from "../../validators"

/** POST /admin/engagement/review-requests/:id/cancel: a scheduled request is never sent (400 once sent or ended). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCancelReviewRequestType>, res: MedusaResponse) => {
  await cancelReviewRequestByAdminWorkflow(req.scope).run({
    input: { id: req.params.id, reason: req.validatedBody.reason },
  })
  res.json({ review_request: await refetchReviewRequest(req.params.id, req.scope) })
}
