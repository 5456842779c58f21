import type { LoyaltyEntryInput, LoyaltyEntryResult } from "../../../modules/loyalty/types"

/**
 * The entries that undo what was applied: a credit is reversed from its own lot, a debit is
 * restored into the lots it took from. Each undo has its own key, so it happens once.
 */
export function undoEntries(entries: LoyaltyEntryInput[], results: LoyaltyEntryResult[]): LoyaltyEntryInput[] {
  const undo: LoyaltyEntryInput[] = []
  entries.forEach((entry, index) => {
    const result = results[index]
    if (!result?.applied || !result.transaction_id || result.points === 0) {
      return
    }
    const base = {
      customer_id: entry.customer_id,
      idempotency_key: `${entry.idempotency_key}:undo`,
      order_id: entry.order_id ?? null,
      line_item_id: entry.line_item_id ?? null,
      reason: "undone: the workflow that made it failed",
    }
    if (result.points > 0) {
      undo.push({ ...base, type: "reverse", points: -result.points, reverses_transaction_ids: [result.transaction_id] })
    } else {
      undo.push({ ...base, type: "restore", points: 0, restores_transaction_id: result.transaction_id })
    }
  })
  return undo
}
