import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { ScheduleReviewRequestInput } from "../../../modules/engagement/types"

export const createReviewRequestStepId = "create-review-request"

/**
 * Stores the order's review request; an order that has one keeps it (`order.placed` delivered
 * twice makes one). Compensation removes only a request this step created.
 */
export const createReviewRequestStep = createStep(
  createReviewRequestStepId,
  async (input: ScheduleReviewRequestInput, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const { review_request, created } = await engagement.scheduleReviewRequest(input)
    return new StepResponse(review_request, created ? review_request.id : undefined)
  },
  async (createdId, { container }) => {
    if (!createdId) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).deleteReviewRequests(createdId)
  }
)
