import { BigNumber, MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import type { ResolvedLoyaltyOptions } from "../../../modules/loyalty/options"

// bignumber.js rounding modes (the library is Medusa's, not a dependency of ours)
const ROUNDING = { down: 1, up: 0, nearest: 4 } as const

/**
 * What earning reads of an order or a cart (both are read by `query.graph` with these): its lines
 * and credit lines. An order-level total in the fields makes the module compute the items' totals.
 */
export const EARNING_LINE_FIELDS = [
  "item_subtotal",
  "items.id",
  "items.quantity",
  "items.subtotal",
  "items.discount_subtotal",
  "items.total",
  "credit_lines.reference",
  "credit_lines.amount",
]

export interface EarningLine {
  id: string
  quantity: BigNumberInput
  subtotal: BigNumberInput
  discount_subtotal?: BigNumberInput | null
  total: BigNumberInput
}

export interface LineEarning {
  line_item_id: string
  quantity: number
  points: number
  /** the amount the points were computed on, in major units, as a decimal string */
  base_amount: string
}

export interface EarnRate {
  points_per_unit: number
  multiplier: number
  base: ResolvedLoyaltyOptions["earn"]["base"]
  rounding: ResolvedLoyaltyOptions["earn"]["rounding"]
}

/** An order's or cart's credit lines, as read for earning. */
export interface EarningCreditLine {
  reference?: string | null
  amount: BigNumberInput
}

/**
 * What of an order or cart was paid with points: its loyalty credit lines, unless the store keeps
 * the old rule of earning on that part too (`loyalty.earn.include_points_paid`).
 */
export function paidWithPoints(
  options: ResolvedLoyaltyOptions,
  creditLines: EarningCreditLine[] | null | undefined,
  reference: string
): BigNumber {
  if (options.earn.include_points_paid) {
    return new BigNumber(0)
  }
  const amounts = (creditLines ?? []).filter((line) => line.reference === reference).map((line) => line.amount)
  return new BigNumber(amounts.length ? MathBN.add(...amounts) : 0)
}

export function earnRateFor(options: ResolvedLoyaltyOptions, currencyCode: string, multiplier: number): EarnRate {
  const perUnit = options.earn.points_per_unit[currencyCode.toLowerCase()] ?? options.earn.points_per_unit.default ?? 1
  return { points_per_unit: perUnit, multiplier, base: options.earn.base, rounding: options.earn.rounding }
}

function baseOf(line: EarningLine, base: EarnRate["base"]): BigNumber {
  const amount =
    base === "items_with_tax"
      ? MathBN.convert(line.total)
      : base === "items_before_discounts"
        ? MathBN.convert(line.subtotal)
        : MathBN.sub(line.subtotal, line.discount_subtotal ?? 0)
  return new BigNumber(MathBN.max(amount, 0))
}

/**
 * The points each line of an order earns: base amount × points per unit × multiplier, rounded
 * per line as configured, in decimal arithmetic. Points are earned on the money paid: what was
 * paid with points (`paidWithPoints`, the loyalty credit line) comes off the lines' bases in
 * proportion to them. A cap per order is shared out over the lines in proportion to what they
 * earned (largest remainders get the leftover points), so the order never earns more than the
 * cap and reversals per line stay exact.
 */
export function earnPoints(
  lines: EarningLine[],
  rate: EarnRate,
  capPerOrder: number | null,
  paidWithPoints: BigNumberInput = 0
): LineEarning[] {
  const bases = lines.map((line) => baseOf(line, rate.base))
  const total = bases.length ? MathBN.add(...bases) : MathBN.convert(0)
  const deduct = MathBN.min(MathBN.max(paidWithPoints, 0), total)
  const earned = lines.map((line, index) => {
    const share = MathBN.gt(total, 0) ? MathBN.div(MathBN.mult(deduct, bases[index]), total) : MathBN.convert(0)
    const amount = new BigNumber(MathBN.max(MathBN.sub(bases[index], share), 0))
    const raw = MathBN.mult(MathBN.mult(amount, rate.points_per_unit), rate.multiplier)
    return {
      line_item_id: line.id,
      quantity: MathBN.convert(line.quantity).toNumber(),
      points: raw.integerValue(ROUNDING[rate.rounding]).toNumber(),
      base_amount: amount.numeric.toString(),
    }
  })
  const earnedTotal = earned.reduce((sum, line) => sum + line.points, 0)
  if (capPerOrder === null || earnedTotal <= capPerOrder) {
    return earned
  }
  const shares = earned.map((line, index) => {
    const exact = (line.points * capPerOrder) / earnedTotal
    return { index, floor: Math.floor(exact), remainder: exact - Math.floor(exact) }
  })
  let left = capPerOrder - shares.reduce((sum, share) => sum + share.floor, 0)
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index)) {
    if (left === 0) {
      break
    }
    share.floor += 1
    left -= 1
  }
  return earned.map((line, index) => ({ ...line, points: shares[index].floor }))
}
