import { model } from "@medusajs/framework/utils"

/**
 * One contact profile per Medusa customer: what the plugin knows about the person
 * and what each platform calls them (the external ids), with the sync state per platform.
 */
const ContactProfile = model
  .define(
    { name: "ContactProfile", tableName: "engagement_contact_profile" },
    {
      id: model.id({ prefix: "engcp" }).primaryKey(),
      customer_id: model.text(),
      email: model.text().searchable().nullable(),
      phone: model.text().searchable().nullable(),
      crm_id: model.text().nullable(),
      first_name: model.text().nullable(),
      last_name: model.text().nullable(),
      // a calendar day, YYYY-MM-DD: a date, not an instant, so no time zone can move it
      date_of_birth: model.text().nullable(),
      gender: model.enum(["Male", "Female", "NotSpecified"]).nullable(),
      // two-letter code, from the customer's metadata
      language: model.text().nullable(),
      // the customer's default (else first) address, as the platforms' profiles take it
      address: model.json().nullable(),
      // platform id -> the id that platform gave the contact
      external_ids: model.json().default({}),
      // attribute name -> string value, as platforms take custom attributes
      custom_attributes: model.json().default({}),
      // platform id -> { status, synced_at, error }
      sync_status: model.json().default({}),
      // purchase statistics, recomputed from the order facts whenever one changes
      total_spent: model.bigNumber().default(0),
      order_count: model.number().default(0),
      return_count: model.number().default(0),
      average_order_value: model.bigNumber().default(0),
      average_price_point: model.bigNumber().default(0),
      first_order_at: model.dateTime().nullable(),
      last_order_at: model.dateTime().nullable(),
      average_days_between_orders: model.float().nullable(),
      currency_code: model.text().nullable(),
      rfm_segment: model.text().nullable(),
      // the loyalty figures the platforms are sent: { tier, balance, lifetime_points }, copied from
      // the loyalty module whenever an account changes
      loyalty: model.json().nullable(),
    }
  )
  .indexes([{ on: ["customer_id"], unique: true }, { on: ["email"] }, { on: ["phone"] }, { on: ["crm_id"] }])

export default ContactProfile
