import { durationMs } from "./duration"

describe("engagementOptionsFromEnv", () => {
  it("reads durations with units", () => {
    expect(durationMs("0s")).toBe(0)
    expect(durationMs("10m")).toBe(600_000)
    expect(durationMs("7d")).toBe(604_800_000)
    expect(durationMs("250")).toBe(250)
    expect(() => durationMs("soon")).toThrow(/Not a duration/)
  })
})
