import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"
import { COLLECTED_TYPES } from "../types"
import type { LoyaltyAccountRecord, LoyaltyTransactionType } from "../types"
import { repayDebt } from "./debt"
import { lockAccounts, saveAccount } from "./queries"
import { settleTier, TierChange, TierRules } from "./tier-state"

/**
 * Makes a matured pending lot spendable: under the account's lock its points move from
 * `pending` to `balance` and start counting for tiers, and a debt is repaid from them first.
 * A lot already released (or emptied by a reversal) meanwhile is left alone.
 */
export async function releasePendingLot(
  manager: SqlEntityManager,
  customerId: string,
  lotId: string,
  tiers: TierRules,
  now: Date
): Promise<{ released: boolean; tier_change: TierChange | null }> {
  const [account] = await lockAccounts(manager, [customerId])
  if (!account) {
    return { released: false, tier_change: null }
  }
  const [lot] = await runSql<{ type: LoyaltyTransactionType; remaining: number }>(
    manager,
    `UPDATE loyalty_transaction SET lot_state = 'available', updated_at = now()
      WHERE id = ? AND account_id = ? AND lot_state = 'pending'
      RETURNING type, lot_remaining AS remaining`,
    [lotId, account.id]
  )
  if (!lot) {
    return { released: false, tier_change: null }
  }
  await makeSpendable(manager, account, { id: lotId, ...lot })
  const tierChange = settleTier(account, tiers, now)
  await saveAccount(manager, account)
  return { released: true, tier_change: tierChange }
}

/**
 * Makes a customer's matured pending lots spendable now, under the account's lock; what a read
 * of the balance runs first, so points become spendable when their date comes, not when the
 * maintenance job next passes. Nothing is written when nothing has matured.
 */
export async function matureAccount(
  manager: SqlEntityManager,
  customerId: string,
  tiers: TierRules,
  now: Date
): Promise<{ matured: number; tier_change: TierChange | null }> {
  const [account] = await lockAccounts(manager, [customerId])
  if (!account) {
    return { matured: 0, tier_change: null }
  }
  const matured = await matureLots(manager, account, now)
  if (!matured) {
    return { matured: 0, tier_change: null }
  }
  const tierChange = settleTier(account, tiers, now)
  await saveAccount(manager, account)
  return { matured, tier_change: tierChange }
}

/** Whether the customer has a pending lot whose date has come (a cheap read before taking a lock). */
export async function hasMaturedLots(manager: SqlEntityManager, customerId: string, now: Date): Promise<boolean> {
  const rows = await runSql(
    manager,
    `SELECT 1 FROM loyalty_transaction
      WHERE account_id = (SELECT id FROM loyalty_account WHERE customer_id = ? AND deleted_at IS NULL)
        AND lot_state = 'pending' AND lot_remaining > 0 AND available_at <= ? AND deleted_at IS NULL
      LIMIT 1`,
    [customerId, now]
  )
  return rows.length > 0
}

/**
 * Makes the account's pending lots whose date has come spendable, under the account's lock
 * (the caller holds it): their points move from `pending` to `balance`, start counting for tiers
 * (pending points never do: a return can still take them back, and a tier reached on points
 * about to be returned would be a tier given for nothing), and repay a debt first. Emptied lots
 * mature too (with 0), so the tier window's recount sees a reversed pending lot as net zero.
 */
export async function matureLots(manager: SqlEntityManager, account: LoyaltyAccountRecord, now: Date) {
  const lots = await runSql<{ id: string; type: LoyaltyTransactionType; remaining: number }>(
    manager,
    `UPDATE loyalty_transaction SET lot_state = 'available', updated_at = now()
      WHERE account_id = ? AND lot_state = 'pending' AND available_at <= ? AND deleted_at IS NULL
      RETURNING id, type, lot_remaining AS remaining`,
    [account.id, now]
  )
  for (const lot of lots) {
    await makeSpendable(manager, account, lot)
  }
  return lots.length
}

/** The account's side of a lot that just matured (its state is already `available`). */
export async function makeSpendable(
  manager: SqlEntityManager,
  account: LoyaltyAccountRecord,
  lot: { id: string; type: LoyaltyTransactionType; remaining: number }
) {
  account.pending -= lot.remaining
  account.balance += lot.remaining
  if (COLLECTED_TYPES.includes(lot.type)) {
    account.lifetime_points += lot.remaining
    account.period_points += lot.remaining
  }
  await repayDebt(manager, account, lot.id, `release:${lot.id}:repay`)
}
