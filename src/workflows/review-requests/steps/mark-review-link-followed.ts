import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const markReviewLinkFollowedStepId = "mark-review-link-followed"

type Previous = { id: string; clicked_at: null; next_reminder_at: Date | null } | undefined

/**
 * Notes the first click on a review email's link: no reminder goes out after it. A later click
 * changes nothing. Compensation puts back the two fields it set.
 */
export const markReviewLinkFollowedStep = createStep(
  markReviewLinkFollowedStepId,
  async (input: { review_request_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const [request] = await engagement.listReviewRequests(
      { id: input.review_request_id },
      { select: ["id", "clicked_at", "next_reminder_at"] }
    )
    if (!request) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, "token: this review request no longer exists")
    }
    const firstClick = !request.clicked_at
    if (firstClick) {
      await engagement.updateReviewRequests([{ id: request.id, clicked_at: new Date(), next_reminder_at: null }])
    }
    const previous: Previous = firstClick
      ? { id: request.id, clicked_at: null, next_reminder_at: request.next_reminder_at }
      : undefined
    return new StepResponse({ id: request.id, first_click: firstClick }, previous)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).updateReviewRequests([previous])
  }
)
