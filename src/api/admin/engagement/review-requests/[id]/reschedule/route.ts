import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rescheduleReviewRequestWorkflow } from "../../../../../../workflows/review-requests/workflows/reschedule-review-request"
import { refetchReviewRequest } from "../../helpers"
import type { AdminRescheduleReviewRequestType } from "../../validators"

/** POST /admin/engagement/review-requests/:id/reschedule: moves a scheduled request's send time (400 once sent or ended). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRescheduleReviewRequestType>, res: MedusaResponse) => {
  await rescheduleReviewRequestWorkflow(req.scope).run({
    input: { id: req.params.id, send_at: req.validatedBody.send_at },
  })
  res.json({ review_request: await refetchReviewRequest(req.params.id, req.scope) })
}
