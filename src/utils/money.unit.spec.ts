import { BigNumber } from "@medusajs/framework/utils"
import { currencyDecimals, toMinorUnits } from "./money"

describe("toMinorUnits", () => {
  it("converts per the currency's minor unit", () => {
    expect(currencyDecimals("eur")).toBe(2)
    expect(currencyDecimals("JPY")).toBe(0)
    expect(currencyDecimals("kwd")).toBe(3)
    expect(toMinorUnits(19.99, "eur")).toBe(1999)
    expect(toMinorUnits(1500, "jpy")).toBe(1500)
    expect(toMinorUnits(12000, "krw")).toBe(12000)
    expect(toMinorUnits("1.234", "kwd")).toBe(1234)
    expect(toMinorUnits("0.005", "bhd")).toBe(5)
  })

  it("has no floating-point drift", () => {
    // 19.99 * 3 in floating point is 59.97000000000001; 0.1 + 0.2 is 0.30000000000000004
    expect(toMinorUnits(new BigNumber("59.97"), "usd")).toBe(5997)
    expect(toMinorUnits(19.99 * 3, "usd")).toBe(5997)
    expect(toMinorUnits(1.005, "usd")).toBe(101)
    expect(toMinorUnits(new BigNumber({ value: "29.985", precision: 20 }), "eur")).toBe(2999)
  })

  it("returns integers for every amount", () => {
    for (const amount of [0.01, 0.1, 0.29, 4.35, 1234.56, 99999.99]) {
      expect(Number.isInteger(toMinorUnits(amount, "eur"))).toBe(true)
    }
  })
})
