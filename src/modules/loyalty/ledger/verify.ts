import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"
import { aggregateDifferences } from "./aggregates"
import { bucketMismatches } from "./lots"

export interface LedgerDifference {
  customer_id: string
  field: string
  stored: number
  ledger: number
}

/**
 * For every account, the stored figures against what the ledger and the lots say:
 * balance + pending + reserved = Σ points, debt = Σ debt_change,
 * balance + reserved = Σ open available lots, pending = Σ open pending lots,
 * every open lot equals its credit less what allocations took (a restore's are negative),
 * the expiry buckets the shopper and the admin are shown add up to the balance (pending
 * points are not in them: they are checked against the pending lots above), and every
 * per-account aggregate the summary and the transactions page read equals its recount from the ledger.
 */
export async function verifyAccounts(manager: SqlEntityManager, now: Date = new Date()): Promise<LedgerDifference[]> {
  const rows = await runSql<Record<string, string | number>>(
    manager,
    `WITH tx AS (
       SELECT account_id,
              COALESCE(SUM(points), 0) AS points,
              COALESCE(SUM(debt_change), 0) AS debt,
              COALESCE(SUM(lot_remaining) FILTER (WHERE lot_state = 'available'), 0) AS available_lots,
              COALESCE(SUM(lot_remaining) FILTER (WHERE lot_state = 'pending'), 0) AS pending_lots
         FROM loyalty_transaction WHERE deleted_at IS NULL GROUP BY account_id
     )
     SELECT a.customer_id,
            a.balance + a.pending + a.reserved AS held, COALESCE(tx.points, 0) AS ledger_points,
            a.debt, COALESCE(tx.debt, 0) AS ledger_debt,
            a.balance + a.reserved AS spendable, COALESCE(tx.available_lots, 0) AS available_lots,
            a.pending, COALESCE(tx.pending_lots, 0) AS pending_lots
       FROM loyalty_account a LEFT JOIN tx ON tx.account_id = a.id
      WHERE a.deleted_at IS NULL
        AND (a.balance + a.pending + a.reserved <> COALESCE(tx.points, 0) OR a.debt <> COALESCE(tx.debt, 0)
          OR a.balance + a.reserved <> COALESCE(tx.available_lots, 0) OR a.pending <> COALESCE(tx.pending_lots, 0)
          OR a.balance < 0 OR a.pending < 0 OR a.reserved < 0 OR a.debt < 0)`
  )
  const differences: LedgerDifference[] = []
  for (const row of rows) {
    const pairs: [string, string, string][] = [
      ["balance + pending + reserved", "held", "ledger_points"],
      ["debt", "debt", "ledger_debt"],
      ["balance + reserved (available lots)", "spendable", "available_lots"],
      ["pending (pending lots)", "pending", "pending_lots"],
    ]
    for (const [field, stored, ledger] of pairs) {
      if (Number(row[stored]) !== Number(row[ledger])) {
        differences.push({
          customer_id: String(row.customer_id),
          field,
          stored: Number(row[stored]),
          ledger: Number(row[ledger]),
        })
      }
    }
  }
  const lots = await runSql<{ customer_id: string; lot_id: string; stored: string; ledger: string }>(
    manager,
    `SELECT t.customer_id, t.id AS lot_id, t.lot_remaining AS stored,
            t.points - COALESCE((SELECT SUM(a.points) FROM loyalty_allocation a WHERE a.lot_id = t.id AND a.deleted_at IS NULL), 0)
              AS ledger
       FROM loyalty_transaction t
      WHERE t.lot_state IN ('available', 'pending') AND t.deleted_at IS NULL`
  )
  for (const lot of lots) {
    if (Number(lot.stored) !== Number(lot.ledger)) {
      differences.push({
        customer_id: lot.customer_id,
        field: `lot ${lot.lot_id}`,
        stored: Number(lot.stored),
        ledger: Number(lot.ledger),
      })
    }
  }
  for (const account of await bucketMismatches(manager, now)) {
    differences.push({
      customer_id: account.customer_id,
      field: "balance (expiry buckets)",
      stored: Number(account.balance),
      ledger: Number(account.buckets),
    })
  }
  differences.push(...(await aggregateDifferences(manager)))
  return differences
}
