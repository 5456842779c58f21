import { model } from "@medusajs/framework/utils"

/**
 * A signed email link that has been used. The unique nonce makes each link work once:
 * following an unsubscribe or confirmation link again is refused and changes nothing.
 */
const LinkUse = model
  .define(
    { name: "LinkUse", tableName: "engagement_link_use" },
    {
      id: model.id({ prefix: "englu" }).primaryKey(),
      nonce: model.text(),
      customer_id: model.text(),
      purpose: model.text(),
      action: model.text(),
    }
  )
  .indexes([{ on: ["nonce"], unique: true }])

export default LinkUse
