import { createHmac, timingSafeEqual } from "node:crypto"

export const REVIEW_WEBHOOK_SIGNATURE_HEADER = "x-engagement-signature"
export const REVIEW_WEBHOOK_TIMESTAMP_HEADER = "x-engagement-timestamp"

/** `sha256=` and the hex HMAC-SHA256 of "<timestamp>.<raw body>" under the webhook secret. */
export function signReviewWebhook(rawBody: Buffer | string, timestamp: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex")}`
}

export type WebhookSignatureProblem = { header: string; message: string }

/**
 * Checks the timestamp (whole seconds, within `toleranceMs` of now either way) and the signature
 * over the exact bytes received, in constant time. Null when both hold.
 */
export function reviewWebhookSignatureProblem(args: {
  rawBody: Buffer | undefined
  signature: string | undefined
  timestamp: string | undefined
  secret: string
  toleranceMs: number
  now?: number
}): WebhookSignatureProblem | null {
  const { signature, timestamp } = args
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) {
    return { header: REVIEW_WEBHOOK_TIMESTAMP_HEADER, message: "missing or not a Unix time in seconds" }
  }
  if (Math.abs((args.now ?? Date.now()) - Number(timestamp) * 1000) > args.toleranceMs) {
    return { header: REVIEW_WEBHOOK_TIMESTAMP_HEADER, message: "too old or in the future: the call is refused" }
  }
  if (!signature || !/^sha256=[0-9a-f]{64}$/.test(signature)) {
    return { header: REVIEW_WEBHOOK_SIGNATURE_HEADER, message: "missing or not sha256=<64 hex digits>" }
  }
  if (!args.rawBody) {
    return { header: REVIEW_WEBHOOK_SIGNATURE_HEADER, message: "the body is not JSON" }
  }
  const expected = Buffer.from(signReviewWebhook(args.rawBody, timestamp, args.secret))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { header: REVIEW_WEBHOOK_SIGNATURE_HEADER, message: "does not match the body" }
  }
  return null
}
