import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { ReviewContactInput } from "../utils/send-time"
import { jsonColumn } from "./update-review-requests"

export const recordReviewContactStepId = "record-review-contact"

/**
 * Notes a review email (or platform request) to the shopper before it goes out: the cap and the
 * repeat rule count these rows. One per request and round (a unique index): a round already noted
 * is kept as it is (a resumed send), and two processes racing for one round make one row, the
 * other failing here before it sends anything. Compensation removes only a row this step made.
 */
export const recordReviewContactStep = createStep(
  recordReviewContactStepId,
  async (input: { contact: ReviewContactInput | null | undefined }, { container }) => {
    if (!input.contact) {
      return new StepResponse(null, undefined as string | undefined)
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const { review_request_id, round } = input.contact
    const [existing] = await engagement.listReviewContacts({ review_request_id, round })
    if (existing) {
      return new StepResponse(existing, undefined as string | undefined)
    }
    const created = await engagement.createReviewContacts({
      ...input.contact,
      product_ids: jsonColumn(input.contact.product_ids),
      sent_at: new Date(),
    })
    return new StepResponse(created, created.id as string | undefined)
  },
  async (createdId, { container }) => {
    if (!createdId) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).deleteReviewContacts(createdId)
  }
)
