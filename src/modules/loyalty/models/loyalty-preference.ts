import { model } from "@medusajs/framework/utils"

/**
 * A shopper's own loyalty choices: automatic spend applies their points to a new cart at
 * checkout (up to the configured share), once they hold at least `auto_spend_minimum_points`.
 */
const LoyaltyPreference = model
  .define(
    { name: "LoyaltyPreference", tableName: "loyalty_preference" },
    {
      id: model.id({ prefix: "loypref" }).primaryKey(),
      customer_id: model.text(),
      auto_spend_enabled: model.boolean().default(false),
      auto_spend_minimum_points: model.number().default(0),
    }
  )
  .indexes([{ on: ["customer_id"], unique: true, where: "deleted_at IS NULL" }])

export default LoyaltyPreference
