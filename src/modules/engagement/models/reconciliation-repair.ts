import { model } from "@medusajs/framework/utils"

/**
 * One piece of an order's engagement work that the reconciliation found missing and did (its
 * subscriber never ran, failed, or died with its process). Keyed by kind and item (`key`), so two
 * processes repairing the same work at once record it once; `created_at` is when it was repaired.
 */
const ReconciliationRepair = model
  .define(
    { name: "ReconciliationRepair", tableName: "engagement_reconciliation_repair" },
    {
      id: model.id({ prefix: "engrep" }).primaryKey(),
      // e.g. review_request, cart_conversion, loyalty_points, order_facts, checkout_consents
      kind: model.text(),
      order_id: model.text(),
      // `<kind>:<order id>` or `<kind>:<return id>`: the item repaired
      key: model.text(),
    }
  )
  .indexes([{ on: ["key"], unique: true }, { on: ["created_at"] }])

export default ReconciliationRepair
