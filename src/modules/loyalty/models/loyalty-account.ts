import { model } from "@medusajs/framework/utils"

/**
 * One per customer. The balances are stored and change only together with a ledger row, under a
 * row lock on this account (see ledger/post-entries.ts), so a read never sums the ledger.
 */
const LoyaltyAccount = model
  .define(
    { name: "LoyaltyAccount", tableName: "loyalty_account" },
    {
      id: model.id({ prefix: "loyacc" }).primaryKey(),
      customer_id: model.text(),
      /** spendable now: excludes pending and reserved points */
      balance: model.number().default(0),
      /** earned, not spendable yet (pending period) */
      pending: model.number().default(0),
      /** held by carts until their order is placed or they are released */
      reserved: model.number().default(0),
      /** points owed after a reversal of points already spent (debt policy `block`) */
      debt: model.number().default(0),
      /** points collected, for tiers: all time and in the rolling window */
      lifetime_points: model.number().default(0),
      period_points: model.number().default(0),
      total_earned: model.number().default(0),
      total_redeemed: model.number().default(0),
      tier_id: model.text().nullable(),
      tier_reached_at: model.dateTime().nullable(),
      spending_blocked: model.boolean().default(false),
      /** `debt` when the debt policy blocked spending, else the admin's reason */
      blocked_reason: model.text().nullable(),
    }
  )
  .indexes([{ on: ["customer_id"], unique: true, where: "deleted_at IS NULL" }])

export default LoyaltyAccount
