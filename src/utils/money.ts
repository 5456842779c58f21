import { MathBN } from "@medusajs/framework/utils"

type Amount = Parameters<typeof MathBN.convert>[0]

// bignumber.js's BigNumber.ROUND_HALF_UP (the library is Medusa's, not a dependency of ours)
const ROUND_HALF_UP = 4

/** Decimal places of a currency's minor unit (ISO 4217 via ICU: EUR 2, JPY 0, KWD 3). */
export function currencyDecimals(currencyCode: string): number {
  try {
    return (
      new Intl.NumberFormat("en", { style: "currency", currency: currencyCode.toUpperCase() }).resolvedOptions()
        .maximumFractionDigits ?? 2
    )
  } catch {
    return 2
  }
}

/**
 * A Medusa amount (decimal major units, BigNumber) as an integer number of minor units, in
 * decimal arithmetic: 19.99 EUR is 1999 and 19.99 × 3 is 5997, never 5996.999…
 */
export function toMinorUnits(amount: Amount, currencyCode: string): number {
  return MathBN.mult(MathBN.convert(amount), 10 ** currencyDecimals(currencyCode))
    .integerValue(ROUND_HALF_UP)
    .toNumber()
}
