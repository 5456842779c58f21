import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"
import { COLLECTED_TYPES, LoyaltyTransactionType } from "../types"
import { repayDebt } from "./post-entries"
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
  account.pending -= lot.remaining
  account.balance += lot.remaining
  if (COLLECTED_TYPES.includes(lot.type)) {
    account.lifetime_points += lot.remaining
    account.period_points += lot.remaining
  }
  await repayDebt(manager, account, lotId, `release:${lotId}:repay`)
  const tierChange = settleTier(account, tiers, now)
  await saveAccount(manager, account)
  return { released: true, tier_change: tierChange }
}
