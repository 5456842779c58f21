/**
 * How a store route says that a platform it depends on could not do what the shopper asked:
 * 424 Failed Dependency, never a 5xx (the store itself is fine). The body names the platform and
 * what failed; `retry_after` (seconds, also sent as the `Retry-After` header) when the platform said.
 */
export const FAILED_DEPENDENCY = 424

/** `platform_unavailable`: it did not answer (down, timeout, 5xx, 429); `platform_error`: it refused the store. */
export type PlatformFailureType = "platform_unavailable" | "platform_error"

export interface PlatformFailureBody {
  type: PlatformFailureType
  message: string
  /** the platform's display name */
  platform: string
  /** what could not be done, e.g. "promotions" or "reward scheme sign-up" */
  failed: string
  retry_after?: number
}

/** An error a route answers itself: its status, body and headers. */
export interface ErrorAnswer {
  status: number
  body: { type: string; message: string } & Partial<Omit<PlatformFailureBody, "type" | "message">>
  headers?: Record<string, string>
}

/** The 424 answer of a platform failure; `retryAfterMs` from the platform's `Retry-After`, when it sent one. */
export function platformFailureAnswer(
  failure: Omit<PlatformFailureBody, "retry_after">,
  retryAfterMs?: number
): ErrorAnswer {
  const seconds = retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(retryAfterMs / 1000))
  return {
    status: FAILED_DEPENDENCY,
    body: seconds === undefined ? failure : { ...failure, retry_after: seconds },
    ...(seconds === undefined ? {} : { headers: { "Retry-After": String(seconds) } }),
  }
}
