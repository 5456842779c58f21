import type { CommonPlatformOptions } from "../../../provider-api/types"
import type { OutboxOptions } from "../options"

// one attempt is at most two requests, each within the platform's timeout: a check and the call
const REQUESTS_PER_ATTEMPT = 2

/**
 * How many rows one dispatch claims for a platform: no more than its concurrency can finish before
 * their lease runs out. A row still waiting for its turn when the lease ends would be taken by
 * another worker and sent twice.
 */
export function claimLimit(
  outbox: Pick<OutboxOptions, "batch_size" | "lease_ms">,
  platform: Pick<CommonPlatformOptions, "concurrency" | "timeout_ms">
): number {
  const rounds = Math.floor(outbox.lease_ms / (REQUESTS_PER_ATTEMPT * platform.timeout_ms))
  return Math.max(1, Math.min(outbox.batch_size, platform.concurrency * rounds))
}

/** Why the lease cannot cover one attempt of some platform; null when it covers every one. */
export function leaseTooShort(
  leaseMs: number,
  platforms: Record<string, Pick<CommonPlatformOptions, "timeout_ms">>
): string | null {
  for (const [id, { timeout_ms }] of Object.entries(platforms)) {
    if (leaseMs < REQUESTS_PER_ATTEMPT * timeout_ms) {
      return (
        `outbox.lease_ms (${leaseMs}) must be at least twice platforms.${id}.timeout_ms (${timeout_ms}): ` +
        "an attempt that outlasts its lease is sent again by another worker while still in flight"
      )
    }
  }
  return null
}
