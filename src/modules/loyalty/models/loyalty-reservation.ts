import { model } from "@medusajs/framework/utils"

/**
 * Points a cart holds: taken out of the balance into `reserved` when the shopper applies them,
 * committed as one `redeem` row when the cart becomes an order, or given back (removed,
 * abandoned). One row per cart, changed only under its account's lock.
 */
const LoyaltyReservation = model
  .define(
    { name: "LoyaltyReservation", tableName: "loyalty_reservation" },
    {
      id: model.id({ prefix: "loyres" }).primaryKey(),
      cart_id: model.text(),
      account_id: model.text(),
      customer_id: model.text(),
      points: model.number(),
      currency_code: model.text(),
      /** the money the points take off the cart, in major units (a decimal string) */
      amount: model.text(),
      status: model.enum(["held", "committed", "released"]).default("held"),
      expires_at: model.dateTime(),
      order_id: model.text().nullable(),
      redeem_transaction_id: model.text().nullable(),
    }
  )
  .indexes([{ on: ["cart_id"], unique: true }, { on: ["status", "expires_at"] }, { on: ["customer_id", "status"] }])

export default LoyaltyReservation
