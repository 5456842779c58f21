import path from "node:path"
import { engagementProvidersFromEnv } from "./env"
import type { EngagementProviderClass } from "../provider-api/provider"

/** The provider classes a `providers` entry registers, as the module's loader loads them. */
function servicesOf(resolve: string): EngagementProviderClass[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(resolve).default.services
}

describe("engagementProvidersFromEnv", () => {
  it("leaves every platform off when no variable is set", () => {
    expect(engagementProvidersFromEnv({})).toHaveLength(0)
  })

  it("switches a platform on by its base URL and checks its credentials at start-up", () => {
    const on = engagementProvidersFromEnv({ REJOINER_API_URL: "http://localhost:1/api/v1/s", REJOINER_API_KEY: "k" })
    expect(on.map((provider) => path.basename(provider.resolve))).toEqual(["rejoiner"])
    const [service] = servicesOf(on[0].resolve)
    expect(service.identifier).toBe("rejoiner")
    expect(() => service.validateOptions!(on[0].options!)).not.toThrow()

    const [missingKey] = engagementProvidersFromEnv({ REJOINER_API_URL: "http://localhost:1/api/v1/s" })
    expect(() => servicesOf(missingKey.resolve)[0].validateOptions!(missingKey.options!)).toThrow(
      /platforms\.rejoiner\.api_key/
    )
  })

  it("puts the platforms ENGAGEMENT_DRY_RUN_PLATFORMS names in dry-run, and only those", () => {
    const env = {
      REJOINER_API_URL: "http://localhost:1/api/v1/s",
      REJOINER_API_KEY: "k",
      EXPERTSENDER_API_URL: "http://localhost:2",
      EXPERTSENDER_API_KEY: "k",
    }
    const dryRunOf = (extra: Record<string, string>) =>
      Object.fromEntries(
        engagementProvidersFromEnv({ ...env, ...extra }).map((provider) => {
          // the platform's schema takes the option (a wrong one would stop start-up)
          expect(() => servicesOf(provider.resolve)[0].validateOptions!(provider.options!)).not.toThrow()
          return [path.basename(provider.resolve), provider.options as { dry_run?: boolean }]
        })
      )
    const some = dryRunOf({ ENGAGEMENT_DRY_RUN_PLATFORMS: " Rejoiner ,recensus" })
    expect(some.rejoiner.dry_run).toBe(true)
    expect(some.expertsender.dry_run).toBeUndefined()
    expect(dryRunOf({}).rejoiner.dry_run).toBeUndefined()
  })
})
