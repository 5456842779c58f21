import { model } from "@medusajs/framework/utils"

/**
 * A double opt-in email sent for one AwaitingConfirmation request (a ledger row): round 0 when the
 * request is made, then at most one more per resend window. The unique (request, round) lets each
 * email be written, and so sent, once, however many requests race.
 */
const ConsentConfirmation = model
  .define(
    { name: "ConsentConfirmation", tableName: "engagement_consent_confirmation" },
    {
      id: model.id({ prefix: "engcc" }).primaryKey(),
      request_id: model.text(),
      customer_id: model.text(),
      purpose: model.text(),
      round: model.number(),
    }
  )
  .indexes([{ on: ["request_id", "round"], unique: true }])

export default ConsentConfirmation
