import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { readOrder } from "../../../utils/shared-order-read"
import { REVIEW_ORDER_FIELDS, ReviewOrder } from "../utils/order-fields"
import { prepareReviewRequestSend } from "../utils/prepare-send"
import { fillUrlPattern } from "../../../utils/url-pattern"
import { scopeReviewRequestSend } from "../utils/send-time"
import { finishReviewSendPlan } from "../utils/review-links"

export const prepareReviewRequestSendStepId = "prepare-review-request-send"

/**
 * Reads the order, consents and the shopper's earlier review emails as they are now and decides
 * what the due request becomes: the exclusions and the cap first (utils/send-time.ts), then the send.
 */
export const prepareReviewRequestSendStep = createStep(
  prepareReviewRequestSendStepId,
  async (input: { review_request_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const reviewRequest = await engagement.retrieveReviewRequest(input.review_request_id)
    // its lines by id, as when the request's purchases were built (shared-order-read.ts)
    const order = await readOrder(container, reviewRequest.order_id, REVIEW_ORDER_FIELDS)
    const consents = reviewRequest.customer_id ? await engagement.getCurrentConsents(reviewRequest.customer_id) : []
    const options = await engagement.effectiveOptions()
    const canUnsubscribe = !!reviewRequest.customer_id && !!options.consents.purposes.review_requests
    const unsubscribeUrl = canUnsubscribe
      ? fillUrlPattern(options.consents.unsubscribe_url, {
          token: engagement.signLinkToken({
            customer_id: reviewRequest.customer_id!,
            purpose: "review_requests",
            action: "unsubscribe",
          }),
        })
      : null
    const reviewPlatform = engagement.providersWith("review_requests")[0]?.capability
    const scope = await scopeReviewRequestSend({
      engagement,
      reviewRequest,
      order: order as ReviewOrder | undefined,
      consents,
      reviewPlatform,
    })
    if (scope.stop) {
      return new StepResponse(scope.stop)
    }
    const decision = prepareReviewRequestSend({
      reviewRequest: scope.reviewRequest,
      order: scope.order,
      consents,
      options: options.review_requests,
      storefront: options.storefront,
      reviewPlatform,
      unsubscribeUrl,
    })
    return new StepResponse(finishReviewSendPlan(decision, scope, options))
  }
)
