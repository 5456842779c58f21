import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendReviewRequestNowWorkflow } from "../../../../../../workflows/review-requests/workflows/send-review-request-now"
import { refetchReviewRequest } from "../../helpers"
import type { AdminSendReviewRequestType } from "../../validators"

/**
 * POST /admin/engagement/review-requests/:id/send: sends a scheduled request now (400 once sent or
 * ended; 409 while another process sends a review email to its shopper: try again in a moment).
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSendReviewRequestType>, res: MedusaResponse) => {
  await sendReviewRequestNowWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ review_request: await refetchReviewRequest(req.params.id, req.scope) })
}
