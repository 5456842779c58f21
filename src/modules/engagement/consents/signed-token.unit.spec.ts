import { verifyLinkToken } from "./link-token"
import { verifyReviewLinkToken } from "./review-link-token"
import { signToken, TokenKind, verifyToken } from "./signed-token"

const secret = "a-secret-of-enough-length-0123456789"
const signedAt = Date.UTC(2026, 0, 1)

// Made by the signers as they were before they shared this one: links in emails already sent.
const sent = {
  unsubscribe:
    "eyJjIjoiY3VzXzEiLCJwIjoiZW1haWxfbWFya2V0aW5nIiwiYSI6InVuc3Vic2NyaWJlIiwiZSI6MTc2NzIyNTY2MCwibiI6IlZUVGNqUWhmQzdna1hRWk8ifQ.BzEVgU2T8xnlE-zW688MSiIplQfAgKxw6SS00zOSMX4",
  confirm:
    "eyJjIjoiY3VzXzEiLCJwIjoiZW1haWxfbWFya2V0aW5nIiwiYSI6ImNvbmZpcm0iLCJlIjoxNzY3MjI1NjYwLCJuIjoiZUVUcFRCNDE1TEVXQmI5WSIsInIiOiJlbmdjbF8xIn0.3DEsLvRHhHk_qop4t_6RWUfOWxKGTzKLtuejALO46Q0",
  review:
    "eyJyIjoiZW5ncnJfMSIsImkiOiJwcm9kXzEiLCJoIjoiZm91bnRhaW4tcGVuIiwibiI6MiwiZSI6MTc2NzIyNTY2MH0.j4pA1bTn2BY63tNJlmeMWDHY5uan8tnqKXprxom0x8k",
}

type Both = { c: string; p: string; a: string; n: string; r: string; i: string; h: string; e: number }
const anything = {
  isClaims: (_claims: Record<string, unknown>): _claims is Both & Record<string, unknown> => true,
}

describe("signed tokens", () => {
  it("still verifies the consent and review links signed before the signers were shared", () => {
    expect(verifyLinkToken(sent.unsubscribe, secret, signedAt)).toEqual({
      ok: true,
      claims: expect.objectContaining({ c: "cus_1", p: "email_marketing", a: "unsubscribe", e: signedAt / 1000 + 60 }),
    })
    expect(verifyLinkToken(sent.confirm, secret, signedAt)).toEqual({
      ok: true,
      claims: expect.objectContaining({ c: "cus_1", a: "confirm", r: "engcl_1" }),
    })
    expect(verifyReviewLinkToken(sent.review, secret, signedAt)).toEqual({
      ok: true,
      claims: { r: "engrr_1", i: "prod_1", h: "fountain-pen", n: 2, e: signedAt / 1000 + 60 },
    })
    expect(verifyLinkToken(sent.unsubscribe, secret, signedAt + 61_000)).toEqual({ ok: false, error: "expired" })
  })

  it("never passes a consent link as a review link, nor a review link as a consent link", () => {
    expect(verifyReviewLinkToken(sent.unsubscribe, secret, signedAt)).toEqual({ ok: false, error: "bad_signature" })
    expect(verifyReviewLinkToken(sent.confirm, secret, signedAt)).toEqual({ ok: false, error: "bad_signature" })
    expect(verifyLinkToken(sent.review, secret, signedAt)).toEqual({ ok: false, error: "bad_signature" })
    // even claims that would read as either kind are refused by the kind that did not sign them
    const claims = { c: "cus_1", p: "email_marketing", a: "unsubscribe", n: "x", r: "engrr_1", i: "prod_1", h: "pen" }
    const asConsent = signToken<Both>({ ...anything, purpose: null }, claims, 60_000, secret)
    const asReview = signToken<Both>({ ...anything, purpose: "engagement:review-link:v1" }, claims, 60_000, secret)
    expect(verifyLinkToken(asConsent, secret)).toEqual({ ok: true, claims: expect.objectContaining(claims) })
    expect(verifyReviewLinkToken(asConsent, secret)).toEqual({ ok: false, error: "bad_signature" })
    expect(verifyReviewLinkToken(asReview, secret)).toEqual({ ok: true, claims: expect.objectContaining(claims) })
    expect(verifyLinkToken(asReview, secret)).toEqual({ ok: false, error: "bad_signature" })
  })

  it("refuses signed JSON without this kind's claims, and payloads over the kind's limit", () => {
    const strict: TokenKind<{ e: number; x: string }> = {
      purpose: "test",
      max_payload_length: 200,
      isClaims: (claims): claims is { e: number; x: string } & Record<string, unknown> => typeof claims.x === "string",
    }
    expect(verifyToken(strict, signToken(strict, { x: "a" }, 60_000, secret), secret)).toEqual({
      ok: true,
      claims: expect.objectContaining({ x: "a" }),
    })
    const samePurpose: TokenKind<{ e: number; y: string }> = {
      purpose: "test",
      isClaims: (_claims): _claims is { e: number; y: string } & Record<string, unknown> => true,
    }
    expect(verifyToken(strict, signToken(samePurpose, { y: "a" }, 60_000, secret), secret)).toEqual({
      ok: false,
      error: "malformed",
    })
    expect(verifyToken(strict, signToken(strict, { x: "a".repeat(200) }, 60_000, secret), secret)).toEqual({
      ok: false,
      error: "malformed",
    })
  })
})
