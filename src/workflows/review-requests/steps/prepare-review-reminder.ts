import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { readOrder } from "../../../utils/shared-order-read"
import { fillUrlPattern } from "../../../utils/url-pattern"
import { REVIEW_ORDER_FIELDS, ReviewOrder } from "../utils/order-fields"
import { planReviewReminder } from "../utils/reminder"
import { customerKeyOf, reviewHistoryOf } from "../utils/send-time"

export const prepareReviewReminderStepId = "prepare-review-reminder"

/** Reads the request, its order, the consents and the shopper's review emails now, and plans the reminder. Reads only. */
export const prepareReviewReminderStep = createStep(
  prepareReviewReminderStepId,
  async (input: { review_request_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const reviewRequest = await engagement.retrieveReviewRequest(input.review_request_id)
    // its lines by id, as when the request's purchases were built (shared-order-read.ts)
    const order = await readOrder(container, reviewRequest.order_id, REVIEW_ORDER_FIELDS)
    const consents = reviewRequest.customer_id ? await engagement.getCurrentConsents(reviewRequest.customer_id) : []
    const options = await engagement.effectiveOptions()
    const history = await reviewHistoryOf(engagement, {
      customer_key: customerKeyOf(reviewRequest),
      own_request_id: reviewRequest.id,
      // this request's own emails count against the cap
      count_own: true,
      options: options.review_requests,
    })
    const unsubscribeUrl =
      reviewRequest.customer_id && options.consents.purposes.review_requests
        ? fillUrlPattern(options.consents.unsubscribe_url, {
            token: engagement.signLinkToken({
              customer_id: reviewRequest.customer_id,
              purpose: "review_requests",
              action: "unsubscribe",
            }),
          })
        : null
    return new StepResponse(
      planReviewReminder({
        reviewRequest,
        order: order as ReviewOrder | undefined,
        consents,
        history,
        options,
        unsubscribeUrl,
      })
    )
  }
)
