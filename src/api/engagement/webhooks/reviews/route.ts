import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import { awardReviewPointsWorkflow } from "../../../../workflows/review-rewards/workflows/award-review-points"
import { REVIEW_WEBHOOK_SIGNATURE_HEADER } from "../../../../workflows/review-rewards/utils/webhook-signature"
import { loyaltyOf } from "../../../utils/loyalty"
import type { ReviewWebhookBodyType } from "./validators"

/**
 * A review platform (or the storefront) reports a published review; the middleware has checked
 * its signature. The reviewed order line earns the configured points once: 201 when awarded,
 * 200 when that line had already earned them.
 */
export const POST = async (req: MedusaRequest<ReviewWebhookBodyType>, res: MedusaResponse) => {
  const { webhook } = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).getOptions().review_requests
  const expiryDays = (await loyaltyOf(req.scope).effectiveOptions()).expiry_days
  const { result } = await awardReviewPointsWorkflow(req.scope).run({
    input: {
      ...req.validatedBody,
      signature: String(req.headers[REVIEW_WEBHOOK_SIGNATURE_HEADER]),
      points: webhook.points,
      expires_at: expiryDays === null ? null : new Date(Date.now() + expiryDays * 86_400_000),
    },
  })
  const applied = !!result.posted.results[0]?.applied
  res.status(applied ? 201 : 200).json({
    awarded: applied,
    points: applied ? webhook.points : 0,
    order_id: result.purchase.order_id,
    line_item_id: result.purchase.line_item_id,
  })
}
