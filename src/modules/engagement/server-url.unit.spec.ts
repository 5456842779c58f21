import EngagementModuleService from "./service"
import { serverUrl } from "./server-url"

const base = { consents: { link_secret: "a-link-secret-that-is-long-and-random-9f8e7d6c" } }

describe("the default links' server", () => {
  it("is MEDUSA_BACKEND_URL, else localhost on the port Medusa listens on", () => {
    expect(serverUrl({ PORT: "9123" })).toBe("http://localhost:9123")
    expect(serverUrl({})).toBe("http://localhost:9000")
    expect(serverUrl({ PORT: "9123", MEDUSA_BACKEND_URL: "https://shop.example.com/" })).toBe(
      "https://shop.example.com"
    )
  })

  it("is where the unsubscribe and review links point unless they are configured", () => {
    const saved = process.env.PORT
    process.env.PORT = "9123"
    try {
      const options = EngagementModuleService.validateOptions(base)
      expect(options.consents.unsubscribe_url).toBe("http://localhost:9123/engagement/unsubscribe?token={token}")
      expect(options.review_requests.reminders.link_url).toBe("http://localhost:9123/engagement/review-links/{token}")
      const configured = EngagementModuleService.validateOptions({
        ...base,
        review_requests: { reminders: { link_url: "https://shop.example.com/r/{token}" } },
      })
      expect(configured.review_requests.reminders.link_url).toBe("https://shop.example.com/r/{token}")
    } finally {
      if (saved === undefined) {
        delete process.env.PORT
      } else {
        process.env.PORT = saved
      }
    }
  })
})
