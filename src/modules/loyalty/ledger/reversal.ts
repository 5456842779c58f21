import { MathBN } from "@medusajs/framework/utils"

// bignumber.js rounding mode ROUND_DOWN (the library is Medusa's, not a dependency of ours)
const ROUND_DOWN = 1

/**
 * Points to reverse on a line so that, in all, `returned` of its `quantity` units have been
 * reversed: floor(earned × returned ÷ quantity) less what was reversed before. Cumulative, so
 * several partial returns never drift from the whole, and a cancel after a return takes the rest.
 */
export function pointsToReverse(earned: number, quantity: number, returned: number, alreadyReversed: number): number {
  return Math.max(0, returnTarget(earned, quantity, returned) - alreadyReversed)
}

function returnTarget(earned: number, quantity: number, returned: number): number {
  if (quantity <= 0) {
    return 0
  }
  return returned >= quantity ? earned : Math.floor((earned * Math.max(0, returned)) / quantity)
}

/** The money given back on an order and the money it was paid with (decimal strings, major units). */
export interface RefundShare {
  refunded: string
  captured: string
}

/**
 * The points the refunds of an order take back in all: what the order earned × refunded ÷ paid,
 * rounded down, all of it once everything paid was refunded. Points are never money: the part of
 * the order paid with points was never captured, so it is neither in `refunded` nor in `captured`.
 */
export function refundTarget(earned: number, share: RefundShare | null): number {
  if (!share || !MathBN.gt(share.refunded, 0) || !MathBN.gt(share.captured, 0)) {
    return 0
  }
  if (MathBN.gte(share.refunded, share.captured)) {
    return earned
  }
  return MathBN.div(MathBN.mult(earned, share.refunded), share.captured).integerValue(ROUND_DOWN).toNumber()
}

export interface LineReversalState {
  line_item_id: string
  /** what the line's earn row credited */
  earned: number
  quantity: number
  /** units of the line back in all; null: the whole line (a cancel) */
  returned: number | null
  /** what reversals of the line took before (points, debt or written off) */
  already: number
}

/**
 * How many points each line of an order has still to give back. Returns and refunds are two
 * measures of the money an order gave back, and a refund usually pays for returned units: the
 * order gives back, in all, the larger of the two (Σ per-line return targets, the refund target
 * over the whole order), less what it gave back before. So a refund then a return of the same
 * units (or the reverse, or either then a cancel) never takes the same points twice. What is
 * due goes first to the lines whose returned units are not reversed yet, the rest over the lines
 * in proportion to what they still hold (largest remainders take the leftover points).
 */
export function lineReversals(lines: LineReversalState[], refund: RefundShare | null): Map<string, number> {
  const earned = lines.reduce((sum, line) => sum + line.earned, 0)
  const already = lines.reduce((sum, line) => sum + line.already, 0)
  const returns = lines.map((line) =>
    line.returned === null ? line.earned : returnTarget(line.earned, line.quantity, line.returned)
  )
  let due = Math.max(
    0,
    Math.max(
      refundTarget(earned, refund),
      returns.reduce((sum, target) => sum + target, 0)
    ) - already
  )
  const taken = lines.map(() => 0)
  lines.forEach((line, index) => {
    const deficit = Math.min(due, Math.max(0, returns[index] - line.already))
    taken[index] += deficit
    due -= deficit
  })
  const room = lines.map((line, index) => Math.max(0, line.earned - line.already - taken[index]))
  const totalRoom = room.reduce((sum, points) => sum + points, 0)
  if (due > 0 && totalRoom > 0) {
    const share = Math.min(due, totalRoom)
    const exact = room.map((points, index) => ({ index, value: (points * share) / totalRoom }))
    let left = share
    for (const part of exact) {
      const whole = Math.floor(part.value)
      taken[part.index] += whole
      left -= whole
    }
    for (const part of [...exact].sort(
      (a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)) || a.index - b.index
    )) {
      if (left === 0) {
        break
      }
      if (taken[part.index] < lines[part.index].earned - lines[part.index].already) {
        taken[part.index] += 1
        left -= 1
      }
    }
  }
  return new Map(lines.map((line, index) => [line.line_item_id, taken[index]]))
}

export interface OrderReversal {
  customer_id: string
  order_id: string
  /** one per cause (a return, the cancel, a refund): the same cause twice reverses once */
  key: string
  /** units of each line now returned in all; null reverses every line whole (a cancel) */
  returned: Record<string, number> | null
  /** the money the order's refunds gave back in all and the money captured (null: none read) */
  refunded: RefundShare | null
  /** give back the points the order redeemed (a cancel) */
  restore_redemptions: boolean
  reason: string
}
