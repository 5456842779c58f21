import { model } from "@medusajs/framework/utils"

/** A customer's referral code: one per customer, each code unique. Made when the customer is created (or by the backfill). */
const LoyaltyReferralCode = model
  .define(
    { name: "LoyaltyReferralCode", tableName: "loyalty_referral_code" },
    {
      id: model.id({ prefix: "loyrc" }).primaryKey(),
      customer_id: model.text(),
      code: model.text(),
    }
  )
  .indexes([
    { on: ["customer_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["code"], unique: true, where: "deleted_at IS NULL" },
  ])

export default LoyaltyReferralCode
