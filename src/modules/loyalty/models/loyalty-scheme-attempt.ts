import { model } from "@medusajs/framework/utils"

/**
 * One try of a closed-loop verification code (`try`, per shopper and scheme, whatever the code)
 * or one code sent (`send`, per address): what the hourly and daily limits count, so signing up
 * again for a new code gives no new tries and no address gets codes on demand.
 */
const LoyaltySchemeAttempt = model
  .define(
    { name: "LoyaltySchemeAttempt", tableName: "loyalty_scheme_attempt" },
    {
      id: model.id({ prefix: "loysa" }).primaryKey(),
      kind: model.enum(["try", "send"]),
      customer_id: model.text(),
      scheme_id: model.text(),
      /** the address the code went to (lower-case) */
      email: model.text(),
    }
  )
  .indexes([{ on: ["customer_id", "scheme_id", "kind", "created_at"] }, { on: ["email", "kind", "created_at"] }])

export default LoyaltySchemeAttempt
