import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { COLLECTED_TYPES } from "../types"
import type { DebtPolicy, LoyaltyAccountRecord, LoyaltyEntryInput, LoyaltyEntryResult } from "../types"
import { allocateDebit } from "./allocate"
import { baseRow, repayDebt, settleDebtBlock } from "./debt"
import { matureLots } from "./release-lot"
import { settleTier, TierChange, TierRules } from "./tier-state"
import {
  allocationsOf,
  appliedKeys,
  changeLots,
  debitOf,
  ensureAccounts,
  insertAllocations,
  insertTransaction,
  lockAccounts,
  openLots,
  saveAccount,
} from "./queries"

export interface PostEntriesContext {
  now: Date
  debt_policy: DebtPolicy
  tiers: TierRules
  /** days a credit's lot lasts when the entry names no expiry (null: never) */
  expiry_days: number | null
}

const DAY = 86_400_000

/** A date an entry carries; a workflow step's output arrives serialised, its dates as strings. */
function dateOf(value: Date | string | null | undefined): Date | null {
  return value === null || value === undefined ? null : new Date(value)
}

/**
 * Applies ledger entries in the caller's transaction: the accounts are locked (in id order)
 * before anything is read, a key already applied is skipped, and every change of an account's
 * points is written together with its ledger row. A debit larger than the spendable balance
 * (other than a reversal) fails the whole batch; a reversal takes what there is and the debt
 * policy decides about the rest. Returns the accounts as they are after the entries.
 */
export async function postEntries(
  manager: SqlEntityManager,
  entries: LoyaltyEntryInput[],
  context: PostEntriesContext
): Promise<{ results: LoyaltyEntryResult[]; accounts: LoyaltyAccountRecord[]; tier_changes: TierChange[] }> {
  const customerIds = [...new Set(entries.map((entry) => entry.customer_id))]
  await ensureAccounts(manager, customerIds)
  const accounts = new Map((await lockAccounts(manager, customerIds)).map((account) => [account.customer_id, account]))
  for (const account of accounts.values()) {
    // points whose pending period is over are spendable from that moment, job or no job
    await matureLots(manager, account, context.now)
  }
  const results: LoyaltyEntryResult[] = []
  // read once the accounts are locked: a key another process applies meanwhile waits for the lock
  const applied = await appliedKeys(
    manager,
    entries.map((entry) => entry.idempotency_key)
  )
  const seen = new Set<string>()
  for (const entry of entries) {
    const account = accounts.get(entry.customer_id)!
    if (seen.has(entry.idempotency_key) || applied.has(entry.idempotency_key)) {
      results.push({
        customer_id: entry.customer_id,
        idempotency_key: entry.idempotency_key,
        applied: false,
        transaction_id: null,
        points: 0,
        shortfall: 0,
      })
      continue
    }
    seen.add(entry.idempotency_key)
    results.push(
      entry.points >= 0 ? await credit(manager, account, entry, context) : await debit(manager, account, entry, context)
    )
  }
  const tierChanges: TierChange[] = []
  for (const account of accounts.values()) {
    settleDebtBlock(account)
    const change = settleTier(account, context.tiers, context.now)
    if (change) {
      tierChanges.push(change)
    }
    await saveAccount(manager, account)
  }
  return { results, accounts: [...accounts.values()], tier_changes: tierChanges }
}

async function credit(
  manager: SqlEntityManager,
  account: LoyaltyAccountRecord,
  entry: LoyaltyEntryInput,
  context: PostEntriesContext
): Promise<LoyaltyEntryResult> {
  const row = baseRow(account, entry)
  let restored: { lot_id: string; points: number }[] = []
  if (entry.restores_transaction_id) {
    // a restore puts the debit's points back into the lots they came from, with their own expiry
    // (points whose lot has expired since stay expired: they are recorded, not given back)
    const restoredDebit = await debitOf(manager, entry.restores_transaction_id, account.id)
    if (!restoredDebit) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `restores_transaction_id: ${entry.restores_transaction_id} is not a debit of this account`
      )
    }
    const all = await allocationsOf(manager, entry.restores_transaction_id)
    const allocations = all.filter((a) => a.state === "available" || a.state === "pending")
    await changeLots(
      manager,
      allocations.map((a) => ({ lot_id: a.lot_id, delta: a.points }))
    )
    restored = allocations
    row.points = allocations.reduce((sum, a) => sum + a.points, 0)
    const expired = all.reduce((sum, a) => sum + a.points, 0) - row.points
    if (expired > 0) {
      row.metadata = { ...row.metadata, expired_before_restore: expired }
    }
    for (const a of allocations) {
      if (a.state === "pending") {
        account.pending += a.points
      } else {
        account.balance += a.points
      }
    }
    if (restoredDebit.type === "redeem") {
      account.total_redeemed -= row.points
    }
  } else {
    // every credit is a lot: spendable from `available_at`, expiring as the entry says or, when it
    // says nothing (scheme bonuses, any caller that forgot), after the programme's expiry days
    const availableAt = dateOf(entry.available_at)
    const pending = !!availableAt && availableAt.getTime() > context.now.getTime()
    row.lot_state = pending ? "pending" : "available"
    row.lot_remaining = entry.points
    row.available_at = availableAt ?? context.now
    row.expires_at =
      entry.expires_at !== undefined
        ? dateOf(entry.expires_at)
        : context.expiry_days === null
          ? null
          : new Date(context.now.getTime() + context.expiry_days * DAY)
    if (pending) {
      account.pending += entry.points
    } else {
      account.balance += entry.points
      if (COLLECTED_TYPES.includes(entry.type)) {
        account.lifetime_points += entry.points
        account.period_points += entry.points
      }
    }
    if (COLLECTED_TYPES.includes(entry.type)) {
      account.total_earned += entry.points
    }
  }
  await insertTransaction(manager, row)
  if (entry.restores_transaction_id) {
    // the restore's own allocations are negative: each lot's points stay its credit less its allocations
    await insertAllocations(
      manager,
      row.id,
      restored.map((a) => ({ lot_id: a.lot_id, points: -a.points }))
    )
  }
  if (row.lot_state === "available") {
    // spendable earnings repay a debt before the balance grows
    await repayDebt(manager, account, row.id, `${entry.idempotency_key}:repay`)
  }
  return {
    customer_id: entry.customer_id,
    idempotency_key: entry.idempotency_key,
    applied: true,
    transaction_id: row.id,
    points: row.points,
    shortfall: 0,
  }
}

async function debit(
  manager: SqlEntityManager,
  account: LoyaltyAccountRecord,
  entry: LoyaltyEntryInput,
  context: PostEntriesContext
): Promise<LoyaltyEntryResult> {
  const wanted = -entry.points
  const isReversal = entry.type === "reverse" || entry.type === "expire"
  const fromReservation = !!entry.from_reservation
  if (fromReservation && wanted > account.reserved) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `points: ${wanted} is more than the ${account.reserved} points held for carts`
    )
  }
  if (!isReversal && !fromReservation && wanted > account.balance) {
    // the entry's own signed figure: an admin who typed -100000 reads -100000 back
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `points: ${entry.points} would take the balance below zero: spendable balance is ${account.balance}`
    )
  }
  // a cart's held points are spent once its completion was allowed (the block is decided there,
  // see hooks/complete-cart-loyalty): refusing the order's redeem row then would leave its credit
  // line unmatched
  if (entry.type === "redeem" && account.spending_blocked && !fromReservation) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "points: spending is blocked on this loyalty account")
  }
  const lots = await openLots(manager, account.id)
  // a cart's redemption takes the points held for it; anything else only what is spendable
  const { allocations, shortfall } = allocateDebit(
    lots,
    wanted,
    new Set(entry.reverses_transaction_ids ?? []),
    fromReservation ? account.reserved : account.balance
  )
  const row = baseRow(account, entry)
  const taken = wanted - shortfall
  row.points = -taken
  await changeLots(
    manager,
    allocations.map((a) => ({ lot_id: a.lot_id, delta: -a.points }))
  )
  for (const a of allocations) {
    if (a.state === "pending") {
      account.pending -= a.points
    } else if (fromReservation) {
      account.reserved -= a.points
    } else {
      account.balance -= a.points
    }
  }
  if (shortfall > 0) {
    if (context.debt_policy === "block" && entry.type === "reverse") {
      // owed; whether it blocks spending is settleDebtBlock's rule (held points cover it)
      row.debt_change = shortfall
      account.debt += shortfall
    } else {
      row.written_off = shortfall
    }
  }
  if (entry.type === "reverse") {
    // reversed points no longer count as collected; pending ones never counted
    const uncounted = allocations.filter((a) => a.state === "pending").reduce((sum, a) => sum + a.points, 0)
    account.lifetime_points = Math.max(0, account.lifetime_points - (wanted - uncounted))
    account.period_points = Math.max(0, account.period_points - (wanted - uncounted))
  }
  if (entry.type === "redeem") {
    account.total_redeemed += taken
  }
  await insertTransaction(manager, row)
  await insertAllocations(manager, row.id, allocations)
  return {
    customer_id: entry.customer_id,
    idempotency_key: entry.idempotency_key,
    applied: true,
    transaction_id: row.id,
    points: row.points,
    shortfall,
  }
}
