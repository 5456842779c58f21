import { randomBytes } from "node:crypto"
import { z } from "@medusajs/framework/zod"
import { claim, signToken, TokenKind, verifyToken, type SignedTokenError, type VerifiedToken } from "./signed-token"

export type LinkAction = "unsubscribe" | "confirm"

export interface LinkClaims {
  /** customer id */
  c: string
  /** consent purpose */
  p: string
  a: LinkAction
  /** expiry, seconds since the epoch */
  e: number
  /** single-use nonce */
  n: string
  /**
   * confirmation links: the ledger row of the request the link confirms. The link works only while
   * that row is still the purpose's latest: a later choice makes it stale.
   */
  r?: string
}

export type LinkTokenError = SignedTokenError

/** Unsubscribe and confirmation links, signed with the link secret itself as they have been from the start. */
const consentLink: TokenKind<LinkClaims> = {
  purpose: null,
  claims: z
    .object({
      c: claim.id(),
      p: claim.id(),
      a: z.enum(["unsubscribe", "confirm"]),
      e: claim.expiry(),
      // 12 random bytes, base64url
      n: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
      r: claim.id().optional(),
    })
    .strict(),
}

/** A signed, expiring, single-use link token: base64url(claims) "." base64url(HMAC-SHA256). */
export function signLinkToken(
  claims: { customer_id: string; purpose: string; action: LinkAction; ttl_ms: number; request_id?: string },
  secret: string,
  now = Date.now()
): string {
  const body: Omit<LinkClaims, "e"> = {
    c: claims.customer_id,
    p: claims.purpose,
    a: claims.action,
    n: randomBytes(12).toString("base64url"),
    ...(claims.request_id ? { r: claims.request_id } : {}),
  }
  return signToken(consentLink, body, claims.ttl_ms, secret, now)
}

/**
 * Checks shape, signature and expiry; never trusts the claims before the signature is verified.
 * A token has exactly one spelling: any other encoding of the same bytes is malformed.
 */
export function verifyLinkToken(token: string, secret: string, now = Date.now()): VerifiedToken<LinkClaims> {
  return verifyToken(consentLink, token, secret, now)
}
