import { model } from "@medusajs/framework/utils"
import { REFERRAL_STATUSES } from "../types"

/**
 * One claim of a referral code. An accepted claim (`claimed`, then `awarded` or `reversed`) is
 * unique per referee (partial unique index), so a second claim cannot be accepted even when two
 * race; a refused claim is kept with its reason.
 */
const LoyaltyReferral = model
  .define(
    { name: "LoyaltyReferral", tableName: "loyalty_referral" },
    {
      id: model.id({ prefix: "loyref" }).primaryKey(),
      code: model.text(),
      advocate_customer_id: model.text(),
      referee_customer_id: model.text(),
      /** the referee's email with the local part's dots and `+tag` removed, lower-case */
      referee_email: model.text(),
      status: model.enum([...REFERRAL_STATUSES]),
      refusal_reason: model.text().nullable(),
      /** the referee's first order, once placed */
      order_id: model.text().nullable(),
      awarded_at: model.dateTime().nullable(),
    }
  )
  .indexes([
    { on: ["referee_customer_id"], unique: true, where: "status != 'refused' AND deleted_at IS NULL" },
    { on: ["referee_email"], where: "status != 'refused' AND deleted_at IS NULL" },
    { on: ["advocate_customer_id", "created_at"] },
    { on: ["order_id"], where: "order_id IS NOT NULL" },
  ])

export default LoyaltyReferral
