import { parseEngagementOptions } from "../modules/engagement/options"
import { RecensusProvider } from "./recensus"
import { RejoinerProvider } from "./rejoiner"
import { ENGAGEMENT_PROVIDER_IDS, ENGAGEMENT_PROVIDER_PREFIX } from "../provider-api/provider"
import { providersWith, resolveProviders } from "../modules/engagement/provider-registry"

const SECRET = { consents: { link_secret: "a-strong-link-secret-0123456789-abcdefghij" } }

describe("the engagement module's providers", () => {
  it("finds providers by capability, each with what it offers", () => {
    const rejoiner = new RejoinerProvider({}, { api_url: "https://rj.example/api/v1/site", api_key: "k" })
    const recensus = new RecensusProvider(
      {},
      { api_url: "https://rc.example", merchant_id: "1", token: "t", shared_secret: "s" }
    )
    expect(providersWith([rejoiner, recensus], "cart_conversions").map(({ id }) => id)).toEqual(["rejoiner"])
    expect(providersWith([rejoiner, recensus], "review_requests").map(({ id, name }) => [id, name])).toEqual([
      ["recensus", "Recensus"],
    ])
    expect(providersWith([rejoiner, recensus], "shopper_pages")).toEqual([])
  })

  it("resolves the registered providers from the container, and none when none is listed", () => {
    const rejoiner = new RejoinerProvider({}, { api_url: "https://rj.example/api/v1/site", api_key: "k" })
    const container = { [ENGAGEMENT_PROVIDER_IDS]: ["rejoiner"], [`${ENGAGEMENT_PROVIDER_PREFIX}rejoiner`]: rejoiner }
    expect([...resolveProviders(container).keys()]).toEqual(["rejoiner"])
    const empty = new Proxy(
      {},
      {
        get: () => {
          throw new Error("not registered")
        },
      }
    )
    expect(resolveProviders(empty).size).toBe(0)
  })

  it("refuses the former platforms option, pointing to providers", () => {
    expect(() => parseEngagementOptions({ ...SECRET, platforms: { rejoiner: {} } })).toThrow(
      /platforms: each platform is now a provider/
    )
    expect(parseEngagementOptions(SECRET).providers).toEqual([])
  })
})
