import { model } from "@medusajs/framework/utils"

/**
 * A customer's running order totals in one currency, kept with their order facts (each fact
 * written adds its change), so recomputing their statistics reads these few rows instead of
 * every order they ever placed.
 */
const OrderTotal = model
  .define(
    { name: "OrderTotal", tableName: "engagement_order_total" },
    {
      id: model.id({ prefix: "engot" }).primaryKey(),
      customer_id: model.text(),
      currency_code: model.text(),
      /** orders not canceled */
      order_count: model.number().default(0),
      /** their totals, in the currency's minor units as Medusa keeps them */
      total: model.bigNumber(),
      item_count: model.number().default(0),
      /** returns received, of every order in this currency, canceled or not */
      returned_count: model.number().default(0),
    }
  )
  .indexes([{ on: ["customer_id", "currency_code"], unique: true }])

export default OrderTotal
