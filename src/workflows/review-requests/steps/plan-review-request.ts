import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../modules/engagement/types"
import { RECENSUS } from "../../../providers/recensus"
import type { ReviewOrder } from "../utils/order-fields"
import { planReviewRequest } from "../utils/plan-review-request"

export const planReviewRequestStepId = "plan-review-request"

/** Decides when the order's shopper is asked for a review, or why not. Reads only. */
export const planReviewRequestStep = createStep(planReviewRequestStepId, async (input: { order: ReviewOrder }, { container }) => {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const consents = input.order.customer_id ? await engagement.getCurrentConsents(input.order.customer_id) : []
  return new StepResponse(
    planReviewRequest({
      order: input.order,
      options: engagement.getOptions().review_requests,
      consents,
      recensusEnabled: engagement.isPlatformEnabled(RECENSUS),
    })
  )
})
