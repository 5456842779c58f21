import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const recordReviewWebhookReceiptStepId = "record-review-webhook-receipt"

/**
 * Notes a signed webhook call by its signature; the same signed call again (a replay) is refused
 * with 409 and changes nothing. Compensation removes the note, so a call that failed after it can
 * be delivered again.
 */
export const recordReviewWebhookReceiptStep = createStep(
  recordReviewWebhookReceiptStepId,
  async (input: { signature: string; order_id: string; line_item_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const [seen] = await engagement.listReviewWebhookReceipts({ signature: input.signature }, { select: ["id"] })
    if (seen) {
      throw new MedusaError(MedusaError.Types.CONFLICT, "x-engagement-signature: this signed call was already received")
    }
    try {
      const receipt = await engagement.createReviewWebhookReceipts(input)
      return new StepResponse(receipt, receipt.id)
    } catch (error) {
      // two deliveries of one call at once: the unique index lets one through
      if (/unique|already exists|duplicate/i.test((error as Error).message)) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          "x-engagement-signature: this signed call was already received"
        )
      }
      throw error
    }
  },
  async (receiptId, { container }) => {
    if (!receiptId) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).deleteReviewWebhookReceipts(receiptId)
  }
)
