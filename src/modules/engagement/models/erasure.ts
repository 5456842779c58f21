import { model } from "@medusajs/framework/utils"

/**
 * One erasure of a shopper (the right to be forgotten): who asked, when (`created_at`), how many
 * rows of each kind were erased or anonymised, and what each platform was sent and still holds.
 * No personal data: the shopper is kept only as a SHA-256 of the customer id, so a later erasure
 * of the same customer can be recognised (and bulk paths can skip them until they act again) but no
 * row leads back to them.
 */
const Erasure = model
  .define(
    { name: "Erasure", tableName: "engagement_erasure" },
    {
      id: model.id({ prefix: "engera" }).primaryKey(),
      subject_hash: model.text(),
      actor_type: model.text(),
      actor_id: model.text(),
      // kind -> rows erased or anonymised, e.g. { contact_profile: 1, consents_anonymised: 3 }
      kinds: model.json(),
      // platform -> { stop_calls: [operations], still_held: [texts] }
      platforms: model.json(),
      // the shopper changed their own profile since: bulk paths may rebuild and send them again
      resumed_at: model.dateTime().nullable(),
    }
  )
  .indexes([{ on: ["subject_hash"] }])

export default Erasure
