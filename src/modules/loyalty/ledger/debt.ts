import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import type { LoyaltyAccountRecord, LoyaltyEntryInput } from "../types"
import { allocateDebit } from "./allocate"
import { changeLots, insertAllocations, insertTransaction, openLots, TransactionRow } from "./queries"

/** A ledger row of the account for the entry, before the debit or credit fills in its lot fields. */
export function baseRow(account: LoyaltyAccountRecord, entry: LoyaltyEntryInput): TransactionRow {
  return {
    id: generateEntityId(undefined, "loytx"),
    account_id: account.id,
    customer_id: account.customer_id,
    type: entry.type,
    points: entry.points,
    debt_change: 0,
    written_off: 0,
    idempotency_key: entry.idempotency_key,
    order_id: entry.order_id ?? null,
    line_item_id: entry.line_item_id ?? null,
    reason: entry.reason ?? null,
    actor_type: entry.actor_type ?? null,
    actor_id: entry.actor_id ?? null,
    rate: entry.rate ?? null,
    lot_state: null,
    lot_remaining: null,
    available_at: null,
    expires_at: null,
    metadata: entry.metadata ?? null,
  }
}

/**
 * Takes what the account owes from a lot that just became spendable, as its own ledger row
 * (points and debt both go down), and lifts a block the debt had caused once it is paid.
 */
export async function repayDebt(
  manager: SqlEntityManager,
  account: LoyaltyAccountRecord,
  lotId: string,
  key: string
): Promise<void> {
  if (account.debt <= 0) {
    return
  }
  const [lot] = (await openLots(manager, account.id)).filter((candidate) => candidate.id === lotId)
  const repay = Math.min(account.debt, lot?.remaining ?? 0)
  if (repay > 0) {
    await writeRepayment(manager, account, repay, [{ lot_id: lotId, points: repay }], key)
  }
  settleDebtBlock(account)
}

/**
 * Repays a debt from the balance (points a released cart hold gave back), soonest-expiring lots
 * first, as its own ledger row.
 */
export async function repayDebtFromBalance(manager: SqlEntityManager, account: LoyaltyAccountRecord): Promise<void> {
  const repay = Math.min(account.debt, account.balance)
  if (repay > 0) {
    const { allocations } = allocateDebit(await openLots(manager, account.id), repay, new Set(), account.balance)
    await writeRepayment(
      manager,
      account,
      repay,
      allocations.map((a) => ({ lot_id: a.lot_id, points: a.points })),
      `debt_repayment:${generateEntityId(undefined, "loyrep")}`
    )
  }
  settleDebtBlock(account)
}

/** `repay` of what the account owes, taken from `allocations`, as its own ledger row (points and debt both go down). */
async function writeRepayment(
  manager: SqlEntityManager,
  account: LoyaltyAccountRecord,
  repay: number,
  allocations: { lot_id: string; points: number }[],
  key: string
): Promise<void> {
  const row = baseRow(account, {
    customer_id: account.customer_id,
    type: "debt_repayment",
    points: -repay,
    idempotency_key: key,
  })
  row.debt_change = -repay
  row.reason = "repays points owed after a reversal"
  await changeLots(
    manager,
    allocations.map((a) => ({ lot_id: a.lot_id, delta: -a.points }))
  )
  await insertTransaction(manager, row)
  await insertAllocations(manager, row.id, allocations)
  account.balance -= repay
  account.debt -= repay
}

/**
 * A debt blocks spending only while the points the shopper holds on carts do not cover it: held
 * points are the shopper's own, a reversal never takes them, and releasing a hold repays the debt
 * first (see README, "A return while points are held"). Completing the cart with them leaves the
 * debt uncovered, and then it blocks as any debt does. An admin's block is left alone.
 */
export function settleDebtBlock(account: LoyaltyAccountRecord): void {
  if (account.debt > account.reserved) {
    if (!account.spending_blocked) {
      account.spending_blocked = true
      account.blocked_reason = "debt"
    }
  } else if (account.blocked_reason === "debt") {
    account.spending_blocked = false
    account.blocked_reason = null
  }
}
