import { engagementOptionsFromEnv } from "./env"
import EngagementModuleService from "./service"

const load = (env: Record<string, string>) => () =>
  EngagementModuleService.validateOptions(engagementOptionsFromEnv(env))

describe("the link secret", () => {
  it("stops the module from loading when it is unset, naming the option and its variable", () => {
    expect(load({})).toThrow(/consents\.link_secret: required.*ENGAGEMENT_LINK_SECRET/)
  })

  it("stops the module from loading when it is weak: short, repetitive or the old public default", () => {
    for (const weak of [
      "too-short-secret",
      "a".repeat(64),
      "12".repeat(20),
      "change-me-engagement-link-secret-0123456789",
    ]) {
      expect(load({ ENGAGEMENT_LINK_SECRET: weak })).toThrow(/consents\.link_secret: too weak.*ENGAGEMENT_LINK_SECRET/)
    }
  })

  it("loads with a random key of 32 characters or more", () => {
    const options = load({ ENGAGEMENT_LINK_SECRET: "q3V9zK1mT8xR2bN7cW5yH4jL6pF0sD2g" })()
    expect(options.consents.link_secret).toBe("q3V9zK1mT8xR2bN7cW5yH4jL6pF0sD2g")
  })
})
