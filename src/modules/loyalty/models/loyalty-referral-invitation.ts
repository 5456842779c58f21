import { model } from "@medusajs/framework/utils"

/** An invitation an advocate sent: one per advocate and (normalised) address. */
const LoyaltyReferralInvitation = model
  .define(
    { name: "LoyaltyReferralInvitation", tableName: "loyalty_referral_invitation" },
    {
      id: model.id({ prefix: "loyinv" }).primaryKey(),
      advocate_customer_id: model.text(),
      email: model.text(),
    }
  )
  .indexes([{ on: ["advocate_customer_id", "email"], unique: true, where: "deleted_at IS NULL" }])

export default LoyaltyReferralInvitation
