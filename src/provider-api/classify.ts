import type { DeliveryOutcome, PlatformResponse } from "./types"

const RETRYABLE_STATUSES = new Set([408, 425, 429])

/** The seconds or HTTP date of a Retry-After header, as milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) {
    return undefined
  }
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000
  }
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** A short, readable reason from whatever error body a platform returned. */
export function describeAnswer(response: PlatformResponse): string {
  const body = response.body
  if (body === undefined || body === null || body === "") {
    return `HTTP ${response.status}`
  }
  const text = typeof body === "string" ? body : JSON.stringify(body)
  return `HTTP ${response.status}: ${text.slice(0, 500)}`
}

/**
 * The shared rule: 2xx is done; 408, 425, 429 and 5xx are passing faults;
 * any other 4xx can never succeed as sent and is not retried.
 */
export function classifyHttpAnswer(response: PlatformResponse): DeliveryOutcome {
  const { status } = response
  const summary = { status, body: response.body }
  if (status >= 200 && status < 300) {
    return { kind: "delivered", summary }
  }
  if (status >= 500 || RETRYABLE_STATUSES.has(status)) {
    return {
      kind: "retry",
      reason: describeAnswer(response),
      retry_after_ms: parseRetryAfter(response.headers["retry-after"]),
      summary,
    }
  }
  return { kind: "failed", reason: describeAnswer(response), summary }
}
