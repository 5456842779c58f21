import { model } from "@medusajs/framework/utils"

/**
 * Who completed a cart, from the request's authentication (never from the cart's email or
 * customer: Medusa attaches a checkout without login to the account with that email), and what
 * became of the checkout's consent choices once the order was placed.
 */
const Checkout = model
  .define(
    { name: "Checkout", tableName: "engagement_checkout" },
    {
      id: model.id({ prefix: "engco" }).primaryKey(),
      cart_id: model.text().nullable(),
      order_id: model.text().nullable(),
      /** the customer signed in on the request that completed the cart; null: a guest */
      signed_in_customer_id: model.text().nullable(),
      /** `{ customer_id, recorded: [{ purpose, value }], not_recorded: [{ purpose, reason }] }` */
      consents: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["cart_id"], unique: true, where: "cart_id IS NOT NULL" },
    { on: ["order_id"], unique: true, where: "order_id IS NOT NULL" },
  ])

export default Checkout
