import { statisticsOf } from "./snapshot"

const row = {
  total_spent: "39.98",
  order_count: 2,
  return_count: 0,
  average_order_value: "19.99",
  average_price_point: null,
  first_order_at: null,
  last_order_at: null,
  average_days_between_orders: null,
  currency_code: "eur",
  rfm_segment: "new",
} as never

describe("statisticsOf", () => {
  it("sends the loyalty tier, balance and lifetime points with the statistics, as strings", () => {
    const values = statisticsOf({
      ...(row as object),
      loyalty: { tier: "Silver", balance: 469, lifetime_points: 600 },
    } as never)
    expect(values).toMatchObject({
      loyalty_tier: "Silver",
      loyalty_balance: "469",
      loyalty_lifetime_points: "600",
      order_count: "2",
    })
  })

  it("leaves the loyalty figures out before the customer has an account, and a tier out when there is none", () => {
    expect(Object.keys(statisticsOf({ ...(row as object), loyalty: null } as never))).not.toContain("loyalty_balance")
    const values = statisticsOf({
      ...(row as object),
      loyalty: { tier: null, balance: 0, lifetime_points: 0 },
    } as never)
    expect(values).toMatchObject({ loyalty_balance: "0", loyalty_lifetime_points: "0" })
    expect(values).not.toHaveProperty("loyalty_tier")
  })
})
