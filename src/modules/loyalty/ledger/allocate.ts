/** A lot holding points, as the ledger's debits see it. */
export interface Lot {
  id: string
  remaining: number
  state: "pending" | "available"
  expires_at: Date | null
  created_at: Date
}

export interface Allocation {
  lot_id: string
  state: Lot["state"]
  points: number
}

/**
 * Which lots a debit of `points` takes from: the `preferred` lots first (a reversal takes back
 * its own order's points), then available lots that expire soonest first (never-expiring last,
 * older first among equals). Pending lots are only taken when preferred. Whatever no lot holds
 * is the shortfall. At most `maxAvailable` points come from available lots: points held by a
 * cart sit in those lots too, and only the cart's own redemption may take them.
 */
export function allocateDebit(
  lots: Lot[],
  points: number,
  preferred: ReadonlySet<string> = new Set(),
  maxAvailable = Number.POSITIVE_INFINITY
): { allocations: Allocation[]; shortfall: number } {
  if (!Number.isInteger(points) || points < 0) {
    throw new Error(`a debit is a non-negative integer of points, got ${points}`)
  }
  const order = [
    ...lots.filter((lot) => preferred.has(lot.id)).sort(byConsumptionOrder),
    ...lots.filter((lot) => !preferred.has(lot.id) && lot.state === "available").sort(byConsumptionOrder),
  ]
  const allocations: Allocation[] = []
  let left = points
  let availableLeft = maxAvailable
  for (const lot of order) {
    if (left === 0) {
      break
    }
    const take = Math.min(lot.remaining, left, lot.state === "available" ? availableLeft : Number.POSITIVE_INFINITY)
    if (take > 0) {
      allocations.push({ lot_id: lot.id, state: lot.state, points: take })
      left -= take
      if (lot.state === "available") {
        availableLeft -= take
      }
    }
  }
  return { allocations, shortfall: left }
}

function byConsumptionOrder(a: Lot, b: Lot): number {
  const ea = a.expires_at?.getTime() ?? Number.POSITIVE_INFINITY
  const eb = b.expires_at?.getTime() ?? Number.POSITIVE_INFINITY
  if (ea !== eb) {
    return ea < eb ? -1 : 1
  }
  return a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
