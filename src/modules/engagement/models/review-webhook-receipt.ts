import { model } from "@medusajs/framework/utils"

/**
 * A review webhook call that was accepted. The unique signature refuses a replay of the same
 * signed call; the award itself is keyed per order line in the loyalty ledger.
 */
const ReviewWebhookReceipt = model
  .define(
    { name: "ReviewWebhookReceipt", tableName: "engagement_review_webhook_receipt" },
    {
      id: model.id({ prefix: "engrw" }).primaryKey(),
      signature: model.text(),
      order_id: model.text().nullable(),
      line_item_id: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["signature"], unique: true },
    // the admin's funnel chart: whether a review came for a request's order
    { on: ["order_id"] },
  ])

export default ReviewWebhookReceipt
