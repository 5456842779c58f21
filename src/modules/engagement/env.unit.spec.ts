import { durationMs } from "./duration"
import { engagementOptionsFromEnv } from "./env"
import { resolvePlatforms } from "../../providers"

describe("engagementOptionsFromEnv", () => {
  it("leaves every platform off when no variable is set", () => {
    const options = engagementOptionsFromEnv({})
    expect(resolvePlatforms(options.platforms as Record<string, unknown>).size).toBe(0)
  })

  it("switches a platform on by its base URL and checks its credentials at start-up", () => {
    const on = engagementOptionsFromEnv({ REJOINER_API_URL: "http://localhost:1/api/v1/s", REJOINER_API_KEY: "k" })
    expect([...resolvePlatforms(on.platforms as Record<string, unknown>).keys()]).toEqual(["rejoiner"])

    const missingKey = engagementOptionsFromEnv({ REJOINER_API_URL: "http://localhost:1/api/v1/s" })
    expect(() => resolvePlatforms(missingKey.platforms as Record<string, unknown>)).toThrow(/platforms\.rejoiner\.api_key/)
  })

  it("reads durations with units", () => {
    expect(durationMs("0s")).toBe(0)
    expect(durationMs("10m")).toBe(600_000)
    expect(durationMs("7d")).toBe(604_800_000)
    expect(durationMs("250")).toBe(250)
    expect(() => durationMs("soon")).toThrow(/Not a duration/)
  })
})
