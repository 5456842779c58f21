import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"
import type { LoyaltyEntryInput } from "../types"
import { postEntries, PostEntriesContext } from "./post-entries"
import { lockAccounts } from "./queries"
import { lineReversals, OrderReversal } from "./reversal"

/**
 * Reverses what an order earned (in proportion to the units returned or the money refunded, or
 * whole) and restores what it redeemed, under the account's lock so two causes never read the
 * same "already reversed" (see `lineReversals`). Points are taken back at the rate they were
 * earned: from the stored earn rows.
 */
export async function reverseOrder(manager: SqlEntityManager, reversal: OrderReversal, context: PostEntriesContext) {
  const [account] = await lockAccounts(manager, [reversal.customer_id])
  if (!account) {
    return { results: [], accounts: [], tier_changes: [] }
  }
  const rows = await runSql<{
    id: string
    type: string
    line_item_id: string | null
    points: number
    debt_change: number
    written_off: number
    quantity: string | null
  }>(
    manager,
    `SELECT id, type, line_item_id, points, debt_change, written_off, metadata->>'quantity' AS quantity
       FROM loyalty_transaction
      WHERE account_id = ? AND order_id = ? AND type IN ('earn', 'reverse', 'redeem', 'restore') AND deleted_at IS NULL`,
    [account.id, reversal.order_id]
  )
  const entries: LoyaltyEntryInput[] = []
  const earns = rows.filter((row) => row.type === "earn" && row.line_item_id)
  const due = lineReversals(
    earns.map((earn) => {
      const line = earn.line_item_id!
      return {
        line_item_id: line,
        earned: earn.points,
        quantity: Number(earn.quantity ?? 1),
        returned: reversal.returned === null ? null : (reversal.returned[line] ?? 0),
        already: rows
          .filter((row) => row.type === "reverse" && row.line_item_id === line)
          .reduce((sum, row) => sum - row.points + Math.max(0, row.debt_change) + row.written_off, 0),
      }
    }),
    reversal.refunded
  )
  for (const earn of earns) {
    const line = earn.line_item_id!
    const points = due.get(line) ?? 0
    if (points > 0) {
      entries.push({
        customer_id: reversal.customer_id,
        type: "reverse",
        points: -points,
        idempotency_key: `${reversal.key}:${line}`,
        order_id: reversal.order_id,
        line_item_id: line,
        reason: reversal.reason,
        reverses_transaction_ids: [earn.id],
      })
    }
  }
  if (reversal.restore_redemptions) {
    for (const redeem of rows.filter((row) => row.type === "redeem")) {
      entries.push({
        customer_id: reversal.customer_id,
        type: "restore",
        points: 0,
        idempotency_key: `restore:${redeem.id}`,
        order_id: reversal.order_id,
        reason: reversal.reason,
        restores_transaction_id: redeem.id,
      })
    }
  }
  return await postEntries(manager, entries, context)
}
