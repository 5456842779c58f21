import { model } from "@medusajs/framework/utils"

/**
 * One review email (or review platform request) that went to a shopper: round 0 is the request, 1–3 its
 * reminders. The per-shopper cap counts these rows, and the repeat rule reads their products.
 * Unique per request and round: a reminder is recorded (and sent) once.
 */
const ReviewContact = model
  .define(
    { name: "ReviewContact", tableName: "engagement_review_contact" },
    {
      id: model.id({ prefix: "engrc" }).primaryKey(),
      review_request_id: model.text(),
      // the customer id, or the lower-cased email of an order without one
      customer_key: model.text(),
      round: model.number(),
      channel: model.text(),
      product_ids: model.json().nullable(),
      sent_at: model.dateTime(),
    }
  )
  .indexes([{ on: ["review_request_id", "round"], unique: true }, { on: ["customer_key", "sent_at"] }])

export default ReviewContact
