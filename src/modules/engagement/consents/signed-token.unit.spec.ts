import { verifyLinkToken } from "./link-token"
import { verifyReviewLinkToken } from "./review-link-token"
import { createHmac } from "node:crypto"
import { z } from "@medusajs/framework/zod"
import { signLinkToken } from "./link-token"
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
const anything = { claims: z.any() as z.ZodType<Both> }

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
    const consent = { c: "cus_1", p: "email_marketing", a: "unsubscribe", n: "abcdefghijklmnop" }
    const review = { r: "engrr_1", i: "prod_1", h: "pen", n: 0 }
    const asConsent = signToken<Both>({ ...anything, purpose: null }, consent as never, 60_000, secret)
    const asReview = signToken<Both>(
      { ...anything, purpose: "engagement:review-link:v1" },
      review as never,
      60_000,
      secret
    )
    expect(verifyLinkToken(asConsent, secret)).toEqual({ ok: true, claims: expect.objectContaining(consent) })
    expect(verifyReviewLinkToken(asConsent, secret)).toEqual({ ok: false, error: "bad_signature" })
    expect(verifyReviewLinkToken(asReview, secret)).toEqual({ ok: true, claims: expect.objectContaining(review) })
    expect(verifyLinkToken(asReview, secret)).toEqual({ ok: false, error: "bad_signature" })
  })

  it("refuses signed JSON without this kind's claims, and payloads over the kind's limit", () => {
    const strict: TokenKind<{ e: number; x: string }> = {
      purpose: "test",
      max_payload_length: 200,
      claims: z.object({ e: z.number(), x: z.string() }).strict(),
    }
    expect(verifyToken(strict, signToken(strict, { x: "a" }, 60_000, secret), secret)).toEqual({
      ok: true,
      claims: expect.objectContaining({ x: "a" }),
    })
    const samePurpose: TokenKind<{ e: number; y: string }> = {
      purpose: "test",
      claims: z.object({ e: z.number(), y: z.string() }).strict(),
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

  it("refuses claims signed with the real secret that no signer writes: as malformed, never as a valid token", () => {
    const signedWith = (claims: Record<string, unknown>, purpose: string | null = null) =>
      signToken<Both>({ ...anything, purpose }, claims as never, 60_000, secret)
    const good = { c: "cus_1", p: "email_marketing", a: "unsubscribe", n: "abcdefghijklmnop" }
    const malformed = { ok: false, error: "malformed" }
    expect(verifyLinkToken(signedWith(good), secret)).toEqual({ ok: true, claims: expect.objectContaining(good) })
    // signToken writes the expiry itself: a payload of our own, signed as signToken signs
    const withExpiry = (claims: Record<string, unknown>, e: unknown, purpose: string | null = null) => {
      const payload = Buffer.from(JSON.stringify({ ...claims, e })).toString("base64url")
      const key = purpose === null ? secret : createHmac("sha256", secret).update(purpose).digest()
      return `${payload}.${createHmac("sha256", key).update(payload).digest("base64url")}`
    }
    expect(verifyLinkToken(withExpiry(good, 2_000_000_000), secret)).toEqual({ ok: true, claims: expect.anything() })
    expect(verifyLinkToken(withExpiry(good, 1e308), secret)).toEqual(malformed)
    expect(verifyLinkToken(withExpiry(good, 1.5e9 + 0.5), secret)).toEqual(malformed)
    expect(verifyLinkToken(withExpiry(good, "2099999999"), secret)).toEqual(malformed)
    expect(verifyLinkToken(signedWith({ ...good, c: "cus_\u0000x" }), secret)).toEqual(malformed)
    expect(verifyLinkToken(signedWith({ ...good, c: "" }), secret)).toEqual(malformed)
    expect(verifyLinkToken(signedWith({ ...good, p: "email marketing" }), secret)).toEqual(malformed)
    expect(verifyLinkToken(signedWith({ ...good, a: "erase" }), secret)).toEqual(malformed)
    expect(verifyLinkToken(signedWith({ ...good, r: ["engcon_1"] }), secret)).toEqual(malformed)
    expect(verifyLinkToken(signedWith({ ...good, admin: true }), secret)).toEqual(malformed)
    const review = { r: "engrr_1", i: "prod_1", h: "fountain-pen", n: 1 }
    const asReview = (claims: Record<string, unknown>) => signedWith(claims, "engagement:review-link:v1")
    expect(verifyReviewLinkToken(asReview(review), secret)).toEqual({
      ok: true,
      claims: expect.objectContaining(review),
    })
    expect(verifyReviewLinkToken(withExpiry(review, 1e308, "engagement:review-link:v1"), secret)).toEqual(malformed)
    expect(verifyReviewLinkToken(asReview({ ...review, r: "engrr_\u0000" }), secret)).toEqual(malformed)
    expect(verifyReviewLinkToken(asReview({ ...review, h: "pen\ud800" }), secret)).toEqual(malformed)
    expect(verifyReviewLinkToken(asReview({ ...review, n: -1 }), secret)).toEqual(malformed)
    // what the real signer writes passes
    const signed = signLinkToken(
      { customer_id: "cus_1", purpose: "email_marketing", action: "confirm", request_id: "engcon_1", ttl_ms: 60_000 },
      secret
    )
    expect(verifyLinkToken(signed, secret)).toEqual({ ok: true, claims: expect.objectContaining({ r: "engcon_1" }) })
  })
})
