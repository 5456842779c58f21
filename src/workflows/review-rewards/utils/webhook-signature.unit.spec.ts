import { reviewWebhookSignatureProblem, signReviewWebhook } from "./webhook-signature"

const secret = "a-webhook-secret-of-enough-random-chars-42"
const body = Buffer.from(JSON.stringify({ order_id: "order_1", line_item_id: "ordli_1" }))
const now = 1_800_000_000_000
const timestamp = String(now / 1000)
const check = (overrides: Partial<Parameters<typeof reviewWebhookSignatureProblem>[0]> = {}) =>
  reviewWebhookSignatureProblem({
    rawBody: body,
    timestamp,
    signature: signReviewWebhook(body, timestamp, secret),
    secret,
    toleranceMs: 300_000,
    now,
    ...overrides,
  })

describe("review webhook signature", () => {
  it("accepts the signature of the exact body and a fresh timestamp", () => {
    expect(check()).toBeNull()
  })

  it("refuses a changed body, another secret, a stale or missing timestamp and a malformed signature", () => {
    expect(check({ rawBody: Buffer.from(body.toString().replace("ordli_1", "ordli_2")) })?.header).toBe(
      "x-engagement-signature"
    )
    expect(check({ signature: signReviewWebhook(body, timestamp, `${secret}x`) })?.message).toBe(
      "does not match the body"
    )
    expect(check({ now: now + 301_000 })?.header).toBe("x-engagement-timestamp")
    expect(check({ timestamp: undefined })?.header).toBe("x-engagement-timestamp")
    expect(check({ signature: "sha256=abc" })?.header).toBe("x-engagement-signature")
    // the timestamp is signed too: a fresh timestamp on an old signature does not pass
    expect(check({ timestamp: String(now / 1000 + 1), now })?.message).toBe("does not match the body")
  })
})
