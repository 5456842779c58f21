import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../../../utils/sql"
import type { LoyaltyAccountRecord } from "../types"
import type { Lot } from "./allocate"

// Raw SQL here because the ORM cannot express these: an insert that skips existing accounts,
// row locks taken in a fixed order, and the locked lot reads and updates of one debit.

/** Makes sure each customer has an account (a concurrent creator wins quietly). */
export async function ensureAccounts(manager: SqlEntityManager, customerIds: string[]): Promise<void> {
  if (!customerIds.length) {
    return
  }
  const rows = customerIds.map((customerId) => [generateEntityId(undefined, "loyacc"), customerId])
  await runSql(
    manager,
    `INSERT INTO loyalty_account (id, customer_id)
     SELECT value->>0, value->>1 FROM jsonb_array_elements(?::jsonb)
     ON CONFLICT (customer_id) WHERE deleted_at IS NULL DO NOTHING`,
    [JSON.stringify(rows)]
  )
}

/** Locks the customers' accounts, always in id order so two writers never wait on each other in a cycle. */
export async function lockAccounts(manager: SqlEntityManager, customerIds: string[]): Promise<LoyaltyAccountRecord[]> {
  return await runSql<LoyaltyAccountRecord>(
    manager,
    `SELECT id, customer_id, balance, pending, reserved, debt, lifetime_points, period_points, total_earned,
            total_redeemed, tier_id, tier_reached_at, spending_blocked, blocked_reason
       FROM loyalty_account
      WHERE customer_id = ANY(?::text[]) AND deleted_at IS NULL
      ORDER BY id
        FOR UPDATE`,
    [customerIds]
  )
}

/** Which of these idempotency keys a ledger row has already: one statement for a batch's keys. */
export async function appliedKeys(manager: SqlEntityManager, keys: string[]): Promise<Set<string>> {
  if (!keys.length) {
    return new Set()
  }
  const rows = await runSql<{ idempotency_key: string }>(
    manager,
    `SELECT DISTINCT idempotency_key FROM loyalty_transaction
      WHERE idempotency_key = ANY(?::text[])`,
    [[...new Set(keys)]]
  )
  return new Set(rows.map((row) => row.idempotency_key))
}

/** The account's lots still holding points (the account row is locked, so they cannot change meanwhile). */
export async function openLots(manager: SqlEntityManager, accountId: string): Promise<Lot[]> {
  return await runSql<Lot>(
    manager,
    `SELECT id, lot_remaining AS remaining, lot_state AS state, expires_at, created_at
       FROM loyalty_transaction
      WHERE account_id = ? AND lot_remaining > 0 AND lot_state IN ('available', 'pending') AND deleted_at IS NULL`,
    [accountId]
  )
}

/** A debit (negative ledger row) of the account, or nothing. */
export async function debitOf(
  manager: SqlEntityManager,
  id: string,
  accountId: string
): Promise<{ id: string; type: string } | undefined> {
  const [row] = await runSql<{ id: string; type: string }>(
    manager,
    `SELECT id, type FROM loyalty_transaction WHERE id = ? AND account_id = ? AND points < 0 AND deleted_at IS NULL`,
    [id, accountId]
  )
  return row
}

/** The lots a debit took its points from. */
export async function allocationsOf(
  manager: SqlEntityManager,
  debitId: string
): Promise<{ lot_id: string; points: number; state: string | null }[]> {
  return await runSql(
    manager,
    `SELECT a.lot_id, a.points, t.lot_state AS state
       FROM loyalty_allocation a JOIN loyalty_transaction t ON t.id = a.lot_id
      WHERE a.debit_id = ? AND a.deleted_at IS NULL`,
    [debitId]
  )
}

export async function changeLots(
  manager: SqlEntityManager,
  changes: { lot_id: string; delta: number }[]
): Promise<void> {
  if (!changes.length) {
    return
  }
  await runSql(
    manager,
    `UPDATE loyalty_transaction t SET lot_remaining = t.lot_remaining + (c.value->>1)::int, updated_at = now()
       FROM jsonb_array_elements(?::jsonb) c
      WHERE t.id = c.value->>0`,
    [JSON.stringify(changes.map((change) => [change.lot_id, change.delta]))]
  )
}

export async function insertAllocations(
  manager: SqlEntityManager,
  debitId: string,
  allocations: { lot_id: string; points: number }[]
): Promise<void> {
  if (!allocations.length) {
    return
  }
  await runSql(
    manager,
    `INSERT INTO loyalty_allocation (id, debit_id, lot_id, points)
     SELECT value->>0, ?, value->>1, (value->>2)::int FROM jsonb_array_elements(?::jsonb)`,
    [debitId, JSON.stringify(allocations.map((a) => [generateEntityId(undefined, "loyal"), a.lot_id, a.points]))]
  )
}

export interface TransactionRow {
  id: string
  account_id: string
  customer_id: string
  type: string
  points: number
  debt_change: number
  written_off: number
  idempotency_key: string
  order_id: string | null
  line_item_id: string | null
  reason: string | null
  actor_type: string | null
  actor_id: string | null
  rate: Record<string, unknown> | null
  lot_state: string | null
  lot_remaining: number | null
  available_at: Date | null
  expires_at: Date | null
  metadata: Record<string, unknown> | null
}

/** Appends one ledger row; the unique key refuses a second copy even if a caller skipped the check. */
export async function insertTransaction(manager: SqlEntityManager, row: TransactionRow): Promise<void> {
  await runSql(
    manager,
    `INSERT INTO loyalty_transaction
       (id, account_id, customer_id, type, points, debt_change, written_off, idempotency_key, order_id, line_item_id,
        reason, actor_type, actor_id, rate, lot_state, lot_remaining, available_at, expires_at, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb)`,
    [
      row.id,
      row.account_id,
      row.customer_id,
      row.type,
      row.points,
      row.debt_change,
      row.written_off,
      row.idempotency_key,
      row.order_id,
      row.line_item_id,
      row.reason,
      row.actor_type,
      row.actor_id,
      row.rate === null ? null : JSON.stringify(row.rate),
      row.lot_state,
      row.lot_remaining,
      row.available_at,
      row.expires_at,
      row.metadata === null ? null : JSON.stringify(row.metadata),
    ]
  )
}

const ACCOUNT_COLUMNS = [
  "balance",
  "pending",
  "reserved",
  "debt",
  "lifetime_points",
  "period_points",
  "total_earned",
  "total_redeemed",
  "tier_id",
  "tier_reached_at",
  "spending_blocked",
  "blocked_reason",
] as const

/** Writes the locked account's new values; a CHECK constraint refuses a negative balance anyway. */
export async function saveAccount(manager: SqlEntityManager, account: LoyaltyAccountRecord): Promise<void> {
  await runSql(
    manager,
    `UPDATE loyalty_account SET ${ACCOUNT_COLUMNS.map((column) => `${column} = ?`).join(", ")}, updated_at = now()
      WHERE id = ?`,
    [...ACCOUNT_COLUMNS.map((column) => account[column]), account.id]
  )
}
