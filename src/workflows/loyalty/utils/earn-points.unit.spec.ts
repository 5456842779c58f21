import type { ResolvedLoyaltyOptions } from "../../../modules/loyalty/options"
import { earnPoints, paidWithPoints } from "./earn-points"

const rate = { points_per_unit: 1, multiplier: 1, base: "items_after_discounts" as const, rounding: "down" as const }

describe("earnPoints", () => {
  it("earns on the item subtotal after discounts, rounded down per line, in decimal arithmetic", () => {
    const lines = [
      { id: "a", quantity: 3, subtotal: 59.97, discount_subtotal: 5.5, total: 70 },
      { id: "b", quantity: 1, subtotal: 0.3, discount_subtotal: 0, total: 0.36 },
    ]
    expect(earnPoints(lines, rate, null).map((l) => [l.line_item_id, l.points, l.base_amount])).toEqual([
      ["a", 54, "54.47"],
      ["b", 0, "0.3"],
    ])
  })

  it("applies the points per unit and the tier multiplier before rounding, and other bases", () => {
    const lines = [{ id: "a", quantity: 1, subtotal: 10.1, discount_subtotal: 1, total: 12.12 }]
    expect(earnPoints(lines, { ...rate, points_per_unit: 2, multiplier: 1.5 }, null)[0].points).toBe(27) // 9.1 × 3 = 27.3
    expect(earnPoints(lines, { ...rate, rounding: "up" }, null)[0].points).toBe(10)
    expect(earnPoints(lines, { ...rate, rounding: "nearest", base: "items_before_discounts" }, null)[0].points).toBe(10)
    expect(earnPoints(lines, { ...rate, base: "items_with_tax" }, null)[0].points).toBe(12)
  })

  it("shares a cap over the lines in proportion, the order earning exactly the cap", () => {
    const lines = [
      { id: "a", quantity: 1, subtotal: 100, total: 100 },
      { id: "b", quantity: 1, subtotal: 50, total: 50 },
      { id: "c", quantity: 1, subtotal: 50, total: 50 },
    ]
    const capped = earnPoints(lines, rate, 99)
    expect(capped.map((l) => l.points)).toEqual([49, 25, 25]) // 49.5, 24.75, 24.75: the two largest remainders get the leftover
    expect(capped.reduce((sum, l) => sum + l.points, 0)).toBe(99)
  })
})

describe("earnPoints on the money paid", () => {
  const lines = [
    { id: "a", quantity: 1, subtotal: 300, total: 300 },
    { id: "b", quantity: 1, subtotal: 100, total: 100 },
  ]

  it("takes what the points paid off the lines in proportion to them", () => {
    // 40.00 paid with points: 30.00 off a, 10.00 off b
    expect(earnPoints(lines, rate, null, 40).map((l) => [l.points, l.base_amount])).toEqual([
      [270, "270"],
      [90, "90"],
    ])
  })

  it("earns nothing on an order paid wholly with points, and never less than nothing", () => {
    expect(earnPoints(lines, rate, null, 400).map((l) => l.points)).toEqual([0, 0])
    expect(earnPoints(lines, rate, null, 1000).map((l) => l.points)).toEqual([0, 0])
  })
})

describe("paidWithPoints", () => {
  const credit = [
    { reference: "loyalty-points", amount: 12.34 },
    { reference: "gift-card", amount: 5 },
  ]
  const options = (include_points_paid: boolean) => ({ earn: { include_points_paid } }) as ResolvedLoyaltyOptions

  it("is the loyalty credit lines only, or nothing when the store earns on the full amount", () => {
    expect(paidWithPoints(options(false), credit, "loyalty-points").numeric).toBe(12.34)
    expect(paidWithPoints(options(true), credit, "loyalty-points").numeric).toBe(0)
    expect(paidWithPoints(options(false), null, "loyalty-points").numeric).toBe(0)
  })
})
