import { backoffDelayMs } from "./backoff"

describe("backoffDelayMs", () => {
  it("doubles the ceiling with each attempt and stays between half and all of it", () => {
    expect(backoffDelayMs(1, 1000, 60_000, () => 0)).toBe(500)
    expect(backoffDelayMs(1, 1000, 60_000, () => 1)).toBe(1000)
    expect(backoffDelayMs(3, 1000, 60_000, () => 0)).toBe(2000)
    expect(backoffDelayMs(3, 1000, 60_000, () => 1)).toBe(4000)
  })

  it("never waits longer than the maximum, however many attempts", () => {
    expect(backoffDelayMs(40, 1000, 60_000, () => 1)).toBe(60_000)
    expect(backoffDelayMs(1000, 30_000, 3_600_000, () => 0.5)).toBe(2_700_000)
  })

  it("spreads retries of rows that failed together", () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelayMs(5, 1000, 60_000)))
    expect(delays.size).toBeGreaterThan(1)
  })
})
