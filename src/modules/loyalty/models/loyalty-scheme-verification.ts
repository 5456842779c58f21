import { model } from "@medusajs/framework/utils"

/**
 * The code sent to join a closed-loop scheme: stored hashed, good until `expires_at`, for a
 * bounded number of `tries`, once (`used_at`). One open per customer and scheme: a new sign-up
 * replaces it.
 */
const LoyaltySchemeVerification = model
  .define(
    { name: "LoyaltySchemeVerification", tableName: "loyalty_scheme_verification" },
    {
      id: model.id({ prefix: "loysv" }).primaryKey(),
      customer_id: model.text(),
      scheme_id: model.text(),
      email: model.text(),
      code_hash: model.text(),
      expires_at: model.dateTime(),
      tries: model.number().default(0),
      used_at: model.dateTime().nullable(),
    }
  )
  .indexes([{ on: ["customer_id", "scheme_id"], unique: true, where: "deleted_at IS NULL" }])

export default LoyaltySchemeVerification
