import { model } from "@medusajs/framework/utils"
import { REVIEW_REQUEST_STATUSES, REVIEW_REQUEST_TRIGGERS } from "../types"

/**
 * One review request per order. It waits (`scheduled`) until `send_at`, then goes out through
 * the review platform (an outbox delivery) or, with no platform, as an email through Medusa's notifications.
 */
const ReviewRequest = model
  .define(
    { name: "ReviewRequest", tableName: "engagement_review_request" },
    {
      id: model.id({ prefix: "engrr" }).primaryKey(),
      order_id: model.text(),
      customer_id: model.text().nullable(),
      email: model.text().nullable(),
      status: model.enum([...REVIEW_REQUEST_STATUSES]).default("scheduled"),
      trigger: model.enum([...REVIEW_REQUEST_TRIGGERS]).default("placed"),
      // null while waiting for the trigger event (fulfilment, shipment, delivery)
      send_at: model.dateTime().nullable(),
      sent_at: model.dateTime().nullable(),
      // a claim by the send job: another process skips the row until this passes
      locked_until: model.dateTime().nullable(),
      // the id of the platform that sent it, or "email" for the built-in notification path
      channel: model.text().nullable(),
      external_id: model.text().nullable(),
      delivery_id: model.text().nullable(),
      reason: model.text().nullable(),
      // the purchases as sent, and the line items left out with why
      purchases: model.json().nullable(),
      excluded_items: model.json().nullable(),
      // the delay its products ask for (the longest of its lines), counted from the trigger
      delay_seconds: model.number().nullable(),
      // built-in email only: reminders sent, when the next is due, and when a review link was followed
      reminders_sent: model.number().default(0),
      next_reminder_at: model.dateTime().nullable(),
      clicked_at: model.dateTime().nullable(),
    }
  )
  .indexes([
    { on: ["order_id"], unique: true },
    { on: ["status", "send_at"] },
    { on: ["customer_id"] },
    { on: ["delivery_id"] },
    { on: ["status", "next_reminder_at"] },
    // the admin's funnel chart: requests per week of creation
    { on: ["created_at"] },
    // the requests being sent now (a live lease): their shoppers wait (review-requests/queries.ts)
    { on: ["locked_until"], where: "locked_until IS NOT NULL AND deleted_at IS NULL" },
  ])

export default ReviewRequest
