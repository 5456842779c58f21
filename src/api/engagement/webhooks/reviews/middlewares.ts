import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import {
  REVIEW_WEBHOOK_SIGNATURE_HEADER,
  REVIEW_WEBHOOK_TIMESTAMP_HEADER,
  reviewWebhookSignatureProblem,
} from "../../../../workflows/review-rewards/utils/webhook-signature"
import { NoQuery, validateBody, validateQuery } from "../../../utils/validation"
import { ReviewWebhookBody } from "./validators"

const header = (req: MedusaRequest, name: string) => {
  const value = req.headers[name]
  return typeof value === "string" ? value : undefined
}

/** No Medusa authentication here: the HMAC signature over the raw body is the proof, checked before anything reads the body. */
async function verifyReviewWebhookSignature(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const { webhook } = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).getOptions().review_requests
  if (!webhook.enabled || !webhook.secret) {
    return next(new MedusaError(MedusaError.Types.NOT_FOUND, "the review webhook is not enabled"))
  }
  const problem = reviewWebhookSignatureProblem({
    rawBody: (req as MedusaRequest & { rawBody?: Buffer }).rawBody,
    signature: header(req, REVIEW_WEBHOOK_SIGNATURE_HEADER),
    timestamp: header(req, REVIEW_WEBHOOK_TIMESTAMP_HEADER),
    secret: webhook.secret,
    toleranceMs: webhook.tolerance,
  })
  if (problem) {
    return next(new MedusaError(MedusaError.Types.UNAUTHORIZED, `${problem.header}: ${problem.message}`))
  }
  next()
}

export const reviewWebhookRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/engagement/webhooks/reviews",
    bodyParser: { preserveRawBody: true },
    middlewares: [verifyReviewWebhookSignature, validateQuery(NoQuery), validateBody(ReviewWebhookBody)],
  },
]
