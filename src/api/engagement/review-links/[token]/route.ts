import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { verifyReviewLinkToken } from "../../../../modules/engagement/consents/review-link-token"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import { fillUrlPattern } from "../../../../utils/url-pattern"
import { recordReviewLinkClickWorkflow } from "../../../../workflows/review-requests/workflows/record-review-link-click"

/**
 * The tracked review link of a review email (outside /store: a mail client sends no publishable
 * key). It records the click, which stops the request's reminders, and leads to the product's
 * review form. This GET writes on purpose: following the link is the event being recorded, and
 * only the first click changes anything. A changed or expired link is a 400 and records nothing.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const options = await engagement.effectiveOptions()
  const verified = verifyReviewLinkToken(req.params.token, options.consents.link_secret)
  if (!verified.ok) {
    const message =
      verified.error === "expired" ? "the link has expired" : "the link is not valid (it was changed or is incomplete)"
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `token: ${message}`)
  }
  const { claims } = verified
  await recordReviewLinkClickWorkflow(req.scope).run({ input: { review_request_id: claims.r } })
  res.redirect(302, fillUrlPattern(options.review_requests.reminders.review_url, { handle: claims.h, id: claims.i }))
}
