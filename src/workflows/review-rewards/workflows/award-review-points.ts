import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { LoyaltyEntryInput } from "../../../modules/loyalty/types"
import { postLoyaltyEntriesStep } from "../../loyalty/steps/post-loyalty-entries"
import { emitLoyaltyEvents } from "../../loyalty/utils/emit-loyalty-events"
import { recordReviewWebhookReceiptStep } from "../steps/record-review-webhook-receipt"
import { ReviewedPurchaseInput, validateReviewedPurchaseStep } from "../steps/validate-reviewed-purchase"

export const awardReviewPointsWorkflowId = "award-review-points"

export interface AwardReviewPointsInput extends ReviewedPurchaseInput {
  /** the webhook call's signature: the same signed call twice is refused */
  signature: string
  review_id?: string
  points: number
  expires_at: Date | string | null
}

/**
 * A review was published: the line it is about earns the configured points, once per order
 * line (the ledger's idempotency key `review:<line id>`), whatever the platform redelivers.
 */
export const awardReviewPointsWorkflow = createWorkflow(
  awardReviewPointsWorkflowId,
  (input: AwardReviewPointsInput) => {
    const purchase = validateReviewedPurchaseStep(input)
    const receipt = transform({ input, purchase }, ({ input, purchase }) => ({
      signature: input.signature,
      order_id: purchase.order_id,
      line_item_id: purchase.line_item_id,
    }))
    recordReviewWebhookReceiptStep(receipt)
    const entries = transform({ input, purchase }, ({ input, purchase }): { entries: LoyaltyEntryInput[] } => ({
      entries: [
        {
          customer_id: purchase.customer_id,
          // a credit of its own kind would need a new ledger type; "adjust" with this actor says what it was
          type: "adjust",
          points: input.points,
          idempotency_key: `review:${purchase.line_item_id}`,
          order_id: purchase.order_id,
          line_item_id: purchase.line_item_id,
          reason: "review published",
          actor_type: "review_webhook",
          actor_id: input.review_id ?? null,
          expires_at: input.expires_at ? new Date(input.expires_at) : null,
          metadata: { product_id: purchase.product_id },
        },
      ],
    }))
    const posted = postLoyaltyEntriesStep(entries)
    emitLoyaltyEvents(posted)
    return new WorkflowResponse({ purchase, posted })
  }
)
