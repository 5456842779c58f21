import { model } from "@medusajs/framework/utils"

/**
 * What a customer's purchase statistics are computed from: one row per order, written when the
 * order is placed, canceled or returned. Keyed by order, so a repeated event changes nothing and
 * a statistic never needs a scan of all Medusa orders.
 */
const OrderFact = model
  .define(
    { name: "OrderFact", tableName: "engagement_order_fact" },
    {
      id: model.id({ prefix: "engof" }).primaryKey(),
      order_id: model.text(),
      customer_id: model.text(),
      currency_code: model.text(),
      total: model.bigNumber(),
      item_count: model.number(),
      placed_at: model.dateTime(),
      canceled_at: model.dateTime().nullable(),
      returned_count: model.number().default(0),
    }
  )
  .indexes([{ on: ["order_id"], unique: true }, { on: ["customer_id", "placed_at"] }])

export default OrderFact
