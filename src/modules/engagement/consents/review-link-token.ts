import { z } from "@medusajs/framework/zod"
import { claim, signToken, TokenKind, verifyToken, type VerifiedToken } from "./signed-token"

/** A tracked review link: which request, which product (id and handle), until when. */
export interface ReviewLinkClaims {
  /** review request id */
  r: string
  /** product id and handle, to lead the shopper to the product's review form */
  i: string
  h: string
  /** the email's round: 0 the request, 1–3 a reminder */
  n: number
  /** expiry, seconds since the epoch */
  e: number
}

/**
 * Signed with a key derived from the link secret for this purpose only, so a review link can
 * never pass as an unsubscribe or confirmation link (and the other way round).
 */
const reviewLink: TokenKind<ReviewLinkClaims> = {
  purpose: "engagement:review-link:v1",
  max_payload_length: 1500,
  claims: z
    .object({
      r: claim.id(),
      i: claim.id(),
      h: claim.text({ max: 512 }),
      n: z.number().int().min(0).max(100),
      e: claim.expiry(),
    })
    .strict(),
}

export function signReviewLinkToken(
  claims: { review_request_id: string; product_id: string; handle: string; round: number; ttl_ms: number },
  secret: string,
  now = Date.now()
): string {
  const body: Omit<ReviewLinkClaims, "e"> = {
    r: claims.review_request_id,
    i: claims.product_id,
    h: claims.handle,
    n: claims.round,
  }
  return signToken(reviewLink, body, claims.ttl_ms, secret, now)
}

/** Shape, signature (constant-time), then expiry; the claims are read only once the signature holds. */
export function verifyReviewLinkToken(
  token: string,
  secret: string,
  now = Date.now()
): VerifiedToken<ReviewLinkClaims> {
  return verifyToken(reviewLink, token, secret, now)
}
