import { model } from "@medusajs/framework/utils"
import { CONTACT_SYNC_STATUSES } from "../types"

/**
 * One contact on one platform: the id the platform gave it, the values it was last sent (so an
 * update sends only what changed), the call in flight, and whether changes are waiting. Changes
 * only set `dirty` (and start the coalescing window `due_at`), so a burst of changes makes one call.
 */
const ContactSync = model
  .define(
    { name: "ContactSync", tableName: "engagement_contact_sync" },
    {
      id: model.id({ prefix: "engcs" }).primaryKey(),
      customer_id: model.text(),
      platform: model.text(),
      status: model.enum([...CONTACT_SYNC_STATUSES]).default("pending"),
      dirty: model.boolean().default(true),
      due_at: model.dateTime().nullable(),
      external_id: model.text().nullable(),
      last_sent: model.json().default({}),
      // the outbox row now carrying this contact's call, and what it sends
      in_flight_delivery_id: model.text().nullable(),
      in_flight: model.json().nullable(),
      // counts the calls made, for their idempotency keys
      step: model.number().default(0),
      // the batch this contact went in was refused: its next call goes alone, so one bad contact holds up no other
      send_alone: model.boolean().default(false),
      // sealed by the platform (e.g. a contact's tokens and generated password), never in clear
      credentials: model.text().nullable(),
      last_error: model.text().nullable(),
      last_synced_at: model.dateTime().nullable(),
    }
  )
  .indexes([
    { on: ["customer_id", "platform"], unique: true },
    { on: ["platform", "dirty", "due_at"] },
    { on: ["in_flight_delivery_id"] },
  ])

export default ContactSync
