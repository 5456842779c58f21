import { model } from "@medusajs/framework/utils"
import { CONSENT_SOURCES, CONSENT_VALUES } from "../types"

/**
 * The consent ledger: every change is a new row, never an update.
 * The current state of a purpose is the latest row for (customer_id, purpose).
 */
const Consent = model
  .define(
    { name: "Consent", tableName: "engagement_consent" },
    {
      id: model.id({ prefix: "engcon" }).primaryKey(),
      customer_id: model.text(),
      purpose: model.text(),
      channel: model.text().nullable(),
      value: model.enum([...CONSENT_VALUES]),
      source: model.enum([...CONSENT_SOURCES]),
      recorded_at: model.dateTime(),
      actor_type: model.text().nullable(),
      actor_id: model.text().nullable(),
      ip: model.text().nullable(),
      user_agent: model.text().nullable(),
      wording: model.text().nullable(),
      // free-form proof, as marketing platforms' opt-ins allow (e.g. { type, where })
      info: model.json().nullable(),
    }
  )
  .indexes([
    // a customer's current consent per purpose: the end of each purpose's range (consents/queries.ts)
    { on: ["customer_id", "purpose", "recorded_at", "created_at"] },
    // a contact's latest changes, newest first (the admin's contact view)
    { on: ["customer_id", "recorded_at", "created_at"] },
  ])

export default Consent
