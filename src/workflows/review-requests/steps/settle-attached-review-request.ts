import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type EngagementModuleService from "../../../modules/engagement/service"

export const settleAttachedReviewRequestStepId = "settle-attached-review-request"

/**
 * After a review request is attached to its delivery: if the platform has answered meanwhile (the
 * delivery was committed, and sent by another process, before the request named it), the request
 * takes that outcome now, as the outcome's handler would have. Nothing to undo: it only records
 * what the platform answered.
 */
export const settleAttachedReviewRequestStep = createStep(
  settleAttachedReviewRequestStepId,
  async (input: { delivery_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    await engagement.settleAttachedReviewRequest(input.delivery_id)
    return new StepResponse(undefined)
  }
)
