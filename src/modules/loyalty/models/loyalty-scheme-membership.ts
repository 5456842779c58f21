import { model } from "@medusajs/framework/utils"

/** A customer's membership of a configured reward scheme; signing out deletes it (soft). */
const LoyaltySchemeMembership = model
  .define(
    { name: "LoyaltySchemeMembership", tableName: "loyalty_scheme_membership" },
    {
      id: model.id({ prefix: "loysm" }).primaryKey(),
      customer_id: model.text(),
      scheme_id: model.text(),
      /** closed-loop schemes: the verified address in an allowed domain */
      email: model.text().nullable(),
    }
  )
  .indexes([{ on: ["customer_id", "scheme_id"], unique: true, where: "deleted_at IS NULL" }])

export default LoyaltySchemeMembership
