import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../modules/engagement/types"
import { REVIEW_ORDER_FIELDS, ReviewOrder } from "../utils/order-fields"
import { prepareReviewRequestSend } from "../utils/prepare-send"
import { fillUrlPattern } from "../../../utils/url-pattern"

export const prepareReviewRequestSendStepId = "prepare-review-request-send"

/** Reads the order and consents as they are now and decides what the due request becomes. */
export const prepareReviewRequestSendStep = createStep(
  prepareReviewRequestSendStepId,
  async (input: { review_request_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const reviewRequest = await engagement.retrieveReviewRequest(input.review_request_id)
    const {
      data: [order],
    } = await query.graph({ entity: "order", fields: REVIEW_ORDER_FIELDS, filters: { id: reviewRequest.order_id } })
    const consents = reviewRequest.customer_id ? await engagement.getCurrentConsents(reviewRequest.customer_id) : []
    const options = engagement.getOptions()
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
    return new StepResponse(
      prepareReviewRequestSend({
        reviewRequest,
        order: order as ReviewOrder | undefined,
        consents,
        options: options.review_requests,
        storefront: options.storefront,
        reviewPlatform: engagement.providersWith("review_requests")[0]?.capability,
        unsubscribeUrl,
      })
    )
  }
)
