import type { AdminLoyaltyTransaction } from "./loyalty-types"

/** One order's rows of one kind (an earn row per order line) as one, or a row on its own. */
export interface LedgerGroup {
  key: string
  first: AdminLoyaltyTransaction
  points: number
  debt_change: number
  lines: number
}

/**
 * The page's rows with an order's rows of one kind merged: an order earns a row per line, the
 * owner reads "order #5 earned 120". Only neighbours merge (the ledger is newest first, and an
 * order's rows are written together), so the order of events stays as it happened.
 */
export function groupByOrder(transactions: AdminLoyaltyTransaction[]): LedgerGroup[] {
  const groups: LedgerGroup[] = []
  for (const row of transactions) {
    const last = groups[groups.length - 1]
    if (last && row.order_id && last.first.order_id === row.order_id && last.first.type === row.type) {
      last.points += row.points
      last.debt_change += row.debt_change
      last.lines += 1
      continue
    }
    groups.push({ key: row.id, first: row, points: row.points, debt_change: row.debt_change, lines: 1 })
  }
  return groups
}
