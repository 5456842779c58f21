import { model } from "@medusajs/framework/utils"
import { LOT_STATES, LOYALTY_TRANSACTION_TYPES } from "../types"

/**
 * The ledger: append-only, one row per change of an account's points. A credit is also a lot
 * (`lot_remaining` points left, spendable from `available_at`, expiring at `expires_at`); debits
 * consume the lots that expire soonest first and record what they took in `loyalty_allocation`.
 */
const LoyaltyTransaction = model
  .define(
    { name: "LoyaltyTransaction", tableName: "loyalty_transaction" },
    {
      id: model.id({ prefix: "loytx" }).primaryKey(),
      account_id: model.text(),
      customer_id: model.text(),
      type: model.enum([...LOYALTY_TRANSACTION_TYPES]),
      /** signed change of balance + pending */
      points: model.number(),
      /** change of the account's debt (reversals of spent points, repayments) */
      debt_change: model.number().default(0),
      /** reversed points neither taken nor owed (debt policy `write_off`) */
      written_off: model.number().default(0),
      idempotency_key: model.text(),
      order_id: model.text().nullable(),
      line_item_id: model.text().nullable(),
      reason: model.text().nullable(),
      actor_type: model.text().nullable(),
      actor_id: model.text().nullable(),
      rate: model.json().nullable(),
      lot_state: model.enum([...LOT_STATES]).nullable(),
      lot_remaining: model.number().nullable(),
      available_at: model.dateTime().nullable(),
      expires_at: model.dateTime().nullable(),
      metadata: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["idempotency_key"], unique: true },
    { on: ["account_id", "created_at"] },
    // the transactions page (a customer's rows newest first, filtered by customer_id)
    { on: ["customer_id", "created_at", "id"] },
    // the same filtered by type, a type at a time (ledger/typed-page.ts)
    { on: ["customer_id", "type", "created_at", "id"] },
    { on: ["order_id"], where: "order_id IS NOT NULL" },
    // the lots still holding points, in the order they are consumed and expire
    { on: ["account_id", "lot_state", "expires_at"], where: "lot_remaining > 0" },
    { on: ["lot_state", "expires_at"], where: "lot_remaining > 0" },
    // the admin's charts: the programme's points per week
    { on: ["created_at"] },
  ])

export default LoyaltyTransaction
