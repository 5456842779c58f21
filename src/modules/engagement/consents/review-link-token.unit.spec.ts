import { signLinkToken, verifyLinkToken } from "./link-token"
import { signReviewLinkToken, verifyReviewLinkToken } from "./review-link-token"

const secret = "a-link-secret-that-is-long-and-random-9f8e7d6c"
const claims = { review_request_id: "engrr_1", product_id: "prod_1", handle: "fountain-pen", round: 1, ttl_ms: 60_000 }

describe("review link tokens", () => {
  it("verifies its own token and refuses a changed, expired or differently keyed one", () => {
    const token = signReviewLinkToken(claims, secret, 1_000_000)
    const verified = verifyReviewLinkToken(token, secret, 1_000_000)
    expect(verified).toEqual({
      ok: true,
      claims: expect.objectContaining({ r: "engrr_1", i: "prod_1", h: "fountain-pen", n: 1 }),
    })
    expect(verifyReviewLinkToken(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, secret, 1_000_000)).toEqual(
      {
        ok: false,
        error: expect.stringMatching(/bad_signature|malformed/),
      }
    )
    expect(verifyReviewLinkToken(token, `${secret}x`, 1_000_000)).toEqual({ ok: false, error: "bad_signature" })
    expect(verifyReviewLinkToken(token, secret, 1_000_000 + 61_000)).toEqual({ ok: false, error: "expired" })
  })

  it("is never accepted as an unsubscribe link, nor an unsubscribe link as a review link", () => {
    const review = signReviewLinkToken(claims, secret)
    expect(verifyLinkToken(review, secret)).toEqual({ ok: false, error: "bad_signature" })
    const unsubscribe = signLinkToken(
      { customer_id: "cus_1", purpose: "review_requests", action: "unsubscribe", ttl_ms: 60_000 },
      secret
    )
    expect(verifyReviewLinkToken(unsubscribe, secret)).toEqual({ ok: false, error: "bad_signature" })
  })
})
