import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const validateReviewRequestScheduledStepId = "validate-review-request-scheduled"

/**
 * The admin's actions (send now, cancel, change the send date) apply to a request still waiting:
 * a sent, canceled, skipped or failed one is refused, and so is one being sent right now (claimed
 * by the due-requests job) or already handed to the review platform.
 */
export const validateReviewRequestScheduledStep = createStep(
  validateReviewRequestScheduledStepId,
  async (input: { id: string; action: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const [reviewRequest] = await engagement.listReviewRequests({ id: input.id })
    if (!reviewRequest) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Review request with id: ${input.id} was not found`)
    }
    if (reviewRequest.status !== "scheduled") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Review request ${input.id} is ${reviewRequest.status}; only a scheduled request can ${input.action}`
      )
    }
    // the due-requests job claims a request (locked_until) while it sends it
    if (
      reviewRequest.delivery_id ||
      (reviewRequest.locked_until && new Date(reviewRequest.locked_until).getTime() > Date.now())
    ) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Review request ${input.id} is being sent; it cannot ${input.action}`
      )
    }
    return new StepResponse(reviewRequest)
  }
)
