import { autoSpendPoints, AutoSpendFacts } from "./auto-spend"

const facts = (change: Partial<AutoSpendFacts> = {}): AutoSpendFacts => ({
  preference: { enabled: true, minimum_points: 0 },
  has_reservation: false,
  has_payment_session: false,
  spending_blocked: false,
  max_applicable: 1200,
  min_points: 0,
  ...change,
})

describe("automatic spend", () => {
  it("applies the most the cart can take when the shopper turned it on", () => {
    expect(autoSpendPoints(facts())).toBe(1200)
  })

  it("applies nothing without the preference, or with it off", () => {
    expect(autoSpendPoints(facts({ preference: null }))).toBe(0)
    expect(autoSpendPoints(facts({ preference: { enabled: false, minimum_points: 0 } }))).toBe(0)
  })

  it("leaves a cart alone that has or had points (a removal sticks), or whose payment has a session", () => {
    expect(autoSpendPoints(facts({ has_reservation: true }))).toBe(0)
    expect(autoSpendPoints(facts({ has_payment_session: true }))).toBe(0)
    expect(autoSpendPoints(facts({ spending_blocked: true }))).toBe(0)
  })

  it("waits for the shopper's minimum and the programme's, and never applies 0", () => {
    expect(autoSpendPoints(facts({ preference: { enabled: true, minimum_points: 1500 } }))).toBe(0)
    expect(autoSpendPoints(facts({ preference: { enabled: true, minimum_points: 1200 } }))).toBe(1200)
    expect(autoSpendPoints(facts({ min_points: 2000 }))).toBe(0)
    expect(autoSpendPoints(facts({ max_applicable: 0 }))).toBe(0)
  })
})
