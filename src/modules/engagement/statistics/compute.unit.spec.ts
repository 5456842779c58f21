import { computeStatistics, rfmSegment } from "./compute"

const rfm = {
  recency_days: [30, 90] as [number, number],
  frequency: [2, 5] as [number, number],
  monetary: [100, 500] as [number, number],
}
const now = new Date("2026-11-22T00:00:00Z")
const fact = (
  placed: string,
  total: number | string,
  items: number,
  extra: Partial<{ canceled_at: string; returned_count: number; currency_code: string }> = {}
) => ({
  currency_code: "eur",
  total,
  item_count: items,
  placed_at: placed,
  canceled_at: null,
  returned_count: 0,
  ...extra,
})

describe("computeStatistics", () => {
  it("sums, averages and dates the orders that were not canceled", () => {
    const stats = computeStatistics(
      [
        fact("2026-11-01T00:00:00Z", "59.97", 3),
        fact("2026-11-11T00:00:00Z", "40.03", 2, { returned_count: 1 }),
        fact("2026-11-21T00:00:00Z", "100", 1, { canceled_at: "2026-11-21T01:00:00Z" }),
      ],
      rfm,
      now
    )
    expect(stats).toEqual({
      total_spent: 100,
      order_count: 2,
      return_count: 1,
      average_order_value: 50,
      average_price_point: 20,
      first_order_at: new Date("2026-11-01T00:00:00Z"),
      last_order_at: new Date("2026-11-11T00:00:00Z"),
      average_days_between_orders: 10,
      currency_code: "eur",
      rfm_segment: "loyal",
    })
  })

  it("has no segment and zero sums without orders", () => {
    expect(computeStatistics([], rfm, now)).toEqual(
      expect.objectContaining({ order_count: 0, total_spent: 0, rfm_segment: null })
    )
  })

  it("names segments from the three scores", () => {
    expect(rfmSegment(3, 3, 3)).toBe("champion")
    expect(rfmSegment(3, 1, 1)).toBe("new")
    expect(rfmSegment(1, 2, 1)).toBe("at_risk")
    expect(rfmSegment(1, 1, 1)).toBe("hibernating")
    expect(rfmSegment(2, 1, 1)).toBe("promising")
  })
})
