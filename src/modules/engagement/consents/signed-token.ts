import { createHmac, timingSafeEqual } from "node:crypto"
import { z } from "@medusajs/framework/zod"

/** Claims every signed token carries: its expiry, in seconds since the epoch. */
export interface ExpiringClaims {
  e: number
}

export type SignedTokenError = "malformed" | "bad_signature" | "expired"

export type VerifiedToken<C> = { ok: true; claims: C } | { ok: false; error: SignedTokenError }

/** One kind of signed link token: the key it is signed with and the claims it carries. */
export interface TokenKind<C extends ExpiringClaims> {
  /**
   * The label its signing key is derived from (HMAC of the label under the secret), so a token of one
   * kind never verifies as another. `null` signs with the secret itself: the consent links were signed
   * so before there was a second kind, and the links in emails already sent must keep working.
   */
  purpose: string | null
  /** the longest payload accepted, in base64url characters (no limit when absent) */
  max_payload_length?: number
  /**
   * This kind's claims, checked as strictly as a request body once the signature holds: a token
   * signed with the real secret can still carry claims no signer writes (a NUL in an id, an expiry
   * of 1e308), and those are malformed, never a 500 further on.
   */
  claims: z.ZodType<C>
}

/** The latest expiry a token may carry: the last second of the year 9999 (a valid `Date`). */
export const MAX_EXPIRY_SECONDS = 253_402_300_799

/** Builders of claim schemas for the token kinds. */
export const claim = {
  /** the expiry: whole seconds since the epoch, within what a `Date` can show */
  expiry: () => z.number().int().min(0).max(MAX_EXPIRY_SECONDS),
  /** a Medusa or plugin id (`cus_01…`, `engcon_01…`): letters, digits, `_` and `-` */
  id: () =>
    z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9_-]+$/),
  /** text a signer copied in (a product handle): no control characters, well-formed Unicode */
  text: ({ max }: { max: number }) =>
    z
      .string()
      .max(max)
      .refine((value) => ![...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f))
      .refine((value) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)),
}

const encode = (value: Buffer | string) => Buffer.from(value).toString("base64url")

function signature(purpose: string | null, payload: string, secret: string): Buffer {
  const key = purpose === null ? secret : createHmac("sha256", secret).update(purpose).digest()
  return createHmac("sha256", key).update(payload).digest()
}

/** A signed, expiring token: base64url(JSON claims) "." base64url(HMAC-SHA256), the expiry added last. */
export function signToken<C extends ExpiringClaims>(
  kind: TokenKind<C>,
  claims: Omit<C, "e">,
  ttl_ms: number,
  secret: string,
  now = Date.now()
): string {
  const payload = encode(JSON.stringify({ ...claims, e: Math.floor((now + ttl_ms) / 1000) }))
  return `${payload}.${encode(signature(kind.purpose, payload, secret))}`
}

// unpadded base64url only, and a MAC of exactly 32 bytes (43 characters)
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/

/** Whether `text` is the one base64url spelling of its bytes (Node also accepts padding, `+`, `/` and stray low bits). */
const isCanonical = (text: string) => encode(Buffer.from(text, "base64url")) === text

/**
 * Checks shape, signature (in constant time), then claims and expiry; never reads the claims before
 * the signature holds. A token has exactly one spelling: any other encoding of the same bytes is malformed.
 */
export function verifyToken<C extends ExpiringClaims>(
  kind: TokenKind<C>,
  token: string,
  secret: string,
  now = Date.now()
): VerifiedToken<C> {
  if (!TOKEN_SHAPE.test(token)) {
    return { ok: false, error: "malformed" }
  }
  const [payload, mac] = token.split(".")
  if (payload.length > (kind.max_payload_length ?? Infinity) || !isCanonical(payload) || !isCanonical(mac)) {
    return { ok: false, error: "malformed" }
  }
  const expected = signature(kind.purpose, payload, secret)
  const given = Buffer.from(mac, "base64url")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, error: "bad_signature" }
  }
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
  } catch {
    return { ok: false, error: "malformed" }
  }
  if (typeof claims !== "object" || claims === null) {
    return { ok: false, error: "malformed" }
  }
  const parsed = kind.claims.safeParse(claims)
  if (!parsed.success) {
    return { ok: false, error: "malformed" }
  }
  if (parsed.data.e * 1000 < now) {
    return { ok: false, error: "expired" }
  }
  return { ok: true, claims: parsed.data }
}
