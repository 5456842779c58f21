import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"

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

export type LinkTokenError = "malformed" | "bad_signature" | "expired"

const encode = (value: Buffer | string) => Buffer.from(value).toString("base64url")

function signature(payload: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(payload).digest()
}

/** A signed, expiring, single-use link token: base64url(claims) "." base64url(HMAC-SHA256). */
export function signLinkToken(
  claims: { customer_id: string; purpose: string; action: LinkAction; ttl_ms: number; request_id?: string },
  secret: string,
  now = Date.now()
): string {
  const body: LinkClaims = {
    c: claims.customer_id,
    p: claims.purpose,
    a: claims.action,
    e: Math.floor((now + claims.ttl_ms) / 1000),
    n: randomBytes(12).toString("base64url"),
    ...(claims.request_id ? { r: claims.request_id } : {}),
  }
  const payload = encode(JSON.stringify(body))
  return `${payload}.${encode(signature(payload, secret))}`
}

// unpadded base64url only, and a MAC of exactly 32 bytes (43 characters)
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/

/** Whether `text` is the one base64url spelling of its bytes (Node also accepts padding, `+`, `/` and stray low bits). */
const isCanonical = (text: string) => encode(Buffer.from(text, "base64url")) === text

/**
 * Checks shape, signature and expiry; never trusts the claims before the signature is verified.
 * A token has exactly one spelling: any other encoding of the same bytes is malformed.
 */
export function verifyLinkToken(
  token: string,
  secret: string,
  now = Date.now()
): { ok: true; claims: LinkClaims } | { ok: false; error: LinkTokenError } {
  if (!TOKEN_SHAPE.test(token)) {
    return { ok: false, error: "malformed" }
  }
  const [payload, mac] = token.split(".")
  if (!isCanonical(payload) || !isCanonical(mac)) {
    return { ok: false, error: "malformed" }
  }
  const expected = signature(payload, secret)
  const given = Buffer.from(mac, "base64url")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, error: "bad_signature" }
  }
  let claims: LinkClaims
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
  } catch {
    return { ok: false, error: "malformed" }
  }
  if (
    typeof claims.c !== "string" ||
    typeof claims.p !== "string" ||
    typeof claims.e !== "number" ||
    typeof claims.n !== "string" ||
    (claims.r !== undefined && typeof claims.r !== "string")
  ) {
    return { ok: false, error: "malformed" }
  }
  if (claims.e * 1000 < now) {
    return { ok: false, error: "expired" }
  }
  return { ok: true, claims }
}
