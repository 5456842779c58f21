import { createHmac, timingSafeEqual } from "node:crypto"

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

const encode = (value: Buffer | string) => Buffer.from(value).toString("base64url")

/**
 * Signed with a key derived from the link secret for this purpose only, so a review link can
 * never pass as an unsubscribe or confirmation link (and the other way round).
 */
function signature(payload: string, secret: string): Buffer {
  const key = createHmac("sha256", secret).update("engagement:review-link:v1").digest()
  return createHmac("sha256", key).update(payload).digest()
}

export function signReviewLinkToken(
  claims: { review_request_id: string; product_id: string; handle: string; round: number; ttl_ms: number },
  secret: string,
  now = Date.now()
): string {
  const body: ReviewLinkClaims = {
    r: claims.review_request_id,
    i: claims.product_id,
    h: claims.handle,
    n: claims.round,
    e: Math.floor((now + claims.ttl_ms) / 1000),
  }
  const payload = encode(JSON.stringify(body))
  return `${payload}.${encode(signature(payload, secret))}`
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,1500}\.[A-Za-z0-9_-]{43}$/
const isCanonical = (text: string) => encode(Buffer.from(text, "base64url")) === text

/** Shape, signature (constant-time), then expiry; the claims are read only once the signature holds. */
export function verifyReviewLinkToken(
  token: string,
  secret: string,
  now = Date.now()
): { ok: true; claims: ReviewLinkClaims } | { ok: false; error: "malformed" | "bad_signature" | "expired" } {
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
  let claims: ReviewLinkClaims
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
  } catch {
    return { ok: false, error: "malformed" }
  }
  if (
    typeof claims.r !== "string" ||
    typeof claims.i !== "string" ||
    typeof claims.h !== "string" ||
    typeof claims.e !== "number"
  ) {
    return { ok: false, error: "malformed" }
  }
  if (claims.e * 1000 < now) {
    return { ok: false, error: "expired" }
  }
  return { ok: true, claims }
}
