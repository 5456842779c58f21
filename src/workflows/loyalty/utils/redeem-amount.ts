import { BigNumber, MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import type { ResolvedLoyaltyOptions } from "../../../modules/loyalty/options"
import { currencyDecimals } from "../../../utils/money"

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

export interface RedeemRule {
  points_per_unit: number
  decimals: number
  /** the smallest number of points worth a whole minor unit, times the configured step */
  multiple: number
}

export function redeemRuleFor(options: ResolvedLoyaltyOptions, currencyCode: string): RedeemRule {
  const code = currencyCode.toLowerCase()
  const perUnit = options.points_per_currency_unit[code] ?? options.points_per_currency_unit.default ?? 100
  const decimals = currencyDecimals(code)
  const minorUnitPoints = perUnit / gcd(perUnit, 10 ** decimals)
  const multiple = (minorUnitPoints * options.redeem.step) / gcd(minorUnitPoints, options.redeem.step)
  return { points_per_unit: perUnit, decimals, multiple }
}

/** What `points` are worth, exactly, in major units of the currency (a decimal string). */
export function moneyForPoints(points: number, rule: RedeemRule): string {
  const minor = (points * 10 ** rule.decimals) / rule.points_per_unit
  return new BigNumber(MathBN.div(minor, 10 ** rule.decimals)).numeric.toFixed(rule.decimals)
}

/**
 * The most points a cart can take: the configured share of its total before points, in whole
 * multiples (the currency's minor unit and the step), and no more than the spendable balance.
 */
export function maxApplicable(
  totalBeforePoints: BigNumberInput,
  balance: number,
  rule: RedeemRule,
  maxShare: number
): number {
  const byTotal = MathBN.mult(MathBN.mult(totalBeforePoints, maxShare), rule.points_per_unit).integerValue(1).toNumber()
  const cap = Math.max(0, Math.min(byTotal, balance))
  return cap - (cap % rule.multiple)
}

/** Why `points` cannot be applied, or null: a 400's message naming the field. */
export function redeemProblem(
  points: number,
  context: { balance: number; max: number; rule: RedeemRule; min_points: number; currency_code: string }
): string | null {
  if (points < context.min_points) {
    return `points: at least ${context.min_points} points must be applied`
  }
  if (points % context.rule.multiple !== 0) {
    return `points: must be a multiple of ${context.rule.multiple} for ${context.currency_code.toUpperCase()}`
  }
  if (points > context.balance) {
    return `points: ${points} is more than the spendable balance of ${context.balance}`
  }
  if (points > context.max) {
    return `points: at most ${context.max} points can be applied to this cart`
  }
  return null
}
