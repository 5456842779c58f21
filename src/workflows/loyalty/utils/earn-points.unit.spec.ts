import { earnPoints } from "./earn-points"

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
