import { model } from "@medusajs/framework/utils"

/**
 * Which lots a debit took its points from, so a restore (a canceled order's redeemed points)
 * puts back exactly those points into exactly those lots, with their own expiry.
 */
const LoyaltyAllocation = model
  .define(
    { name: "LoyaltyAllocation", tableName: "loyalty_allocation" },
    {
      id: model.id({ prefix: "loyal" }).primaryKey(),
      debit_id: model.text(),
      lot_id: model.text(),
      points: model.number(),
    }
  )
  .indexes([{ on: ["debit_id"] }, { on: ["lot_id"] }])

export default LoyaltyAllocation
