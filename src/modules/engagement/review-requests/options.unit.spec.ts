import EngagementModuleService from "../service"

const base = { consents: { link_secret: "a-link-secret-that-is-long-and-random-9f8e7d6c" } }

describe("review-request options", () => {
  it("stops start-up naming the webhook secret when the webhook is on without one (there is no default)", () => {
    expect(() =>
      EngagementModuleService.validateOptions({ ...base, review_requests: { webhook: { enabled: true } } })
    ).toThrow(/review_requests\.webhook\.secret: required when the review webhook is enabled/)
    expect(() =>
      EngagementModuleService.validateOptions({
        ...base,
        review_requests: { webhook: { enabled: true, secret: "short" } },
      })
    ).toThrow(/review_requests\.webhook\.secret: too weak/)
    // off: no secret needed
    expect(EngagementModuleService.validateOptions(base).review_requests.webhook).toEqual(
      expect.objectContaining({ enabled: false, points: 50, tolerance: 300_000 })
    )
  })

  it("defaults the exclusions and reminders and refuses more than 3 reminders", () => {
    const { review_requests } = EngagementModuleService.validateOptions(base)
    expect(review_requests.exclusions).toEqual(
      expect.objectContaining({
        repeat_product_months: 12,
        max_per_customer: 2,
        cap_window: 30 * 86_400_000,
        over_cap: "wait",
      })
    )
    expect(review_requests.reminders).toEqual(expect.objectContaining({ count: 1, intervals: [5 * 86_400_000] }))
    expect(() =>
      EngagementModuleService.validateOptions({ ...base, review_requests: { reminders: { count: 4 } } })
    ).toThrow(/review_requests\.reminders\.count/)
  })
})
