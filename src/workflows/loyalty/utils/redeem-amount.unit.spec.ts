import { loyaltyOptionsSchema } from "../../../modules/loyalty/options"
import { maxApplicable, moneyForPoints, redeemProblem, redeemRuleFor } from "./redeem-amount"

const options = loyaltyOptionsSchema.parse({})

describe("redeeming points", () => {
  it("is worth exactly points ÷ 100 in the currency, respecting its decimals", () => {
    expect(moneyForPoints(1234, redeemRuleFor(options, "eur"))).toBe("12.34")
    expect(moneyForPoints(1300, redeemRuleFor(options, "jpy"))).toBe("13")
    expect(moneyForPoints(1234, redeemRuleFor(options, "kwd"))).toBe("12.340")
  })

  it("asks for whole minor units: multiples of 100 points for JPY, of 1 for EUR, with the step", () => {
    expect(redeemRuleFor(options, "eur").multiple).toBe(1)
    expect(redeemRuleFor(options, "jpy").multiple).toBe(100)
    expect(redeemRuleFor({ ...options, redeem: { ...options.redeem, step: 50 } }, "eur").multiple).toBe(50)
    expect(redeemRuleFor({ ...options, points_per_currency_unit: { default: 250 } }, "eur").multiple).toBe(5)
    const problem = redeemProblem(150, {
      balance: 1000,
      max: 1000,
      rule: redeemRuleFor(options, "jpy"),
      min_points: 0,
      currency_code: "jpy",
    })
    expect(problem).toBe("points: must be a multiple of 100 for JPY")
  })

  it("caps the points at the share of the cart's total and the balance, in whole multiples", () => {
    const rule = redeemRuleFor(options, "eur")
    expect(maxApplicable(45.99, 10_000, rule, 1)).toBe(4599)
    expect(maxApplicable(45.99, 10_000, rule, 0.5)).toBe(2299)
    expect(maxApplicable(45.99, 300, rule, 1)).toBe(300)
    expect(maxApplicable(2500, 10_050, redeemRuleFor(options, "jpy"), 1)).toBe(10_000)
  })

  it("names what is wrong with a request", () => {
    const rule = redeemRuleFor(options, "eur")
    const base = { balance: 500, max: 400, rule, min_points: 100, currency_code: "eur" }
    expect(redeemProblem(50, base)).toBe("points: at least 100 points must be applied")
    expect(redeemProblem(600, base)).toBe("points: 600 is more than the spendable balance of 500")
    expect(redeemProblem(450, base)).toBe("points: at most 400 points can be applied to this cart")
    expect(redeemProblem(400, base)).toBeNull()
  })
})
