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

/**
 * How a dispatch claims a platform's rows: `rounds`, the rows it may hold per slot (2: as many
 * again as its slots, waiting for one, when the lease covers two attempts in a row; else 1), and
 * `limit`, the most one claim takes. A row held waits for at most `rounds - 1` attempts before its
 * own, so every row held is sent within its lease.
 */
export function claimRoom(
  outbox: Pick<OutboxOptions, "batch_size" | "lease_ms">,
  platform: Pick<CommonPlatformOptions, "concurrency" | "timeout_ms">
): { rounds: number; limit: number } {
  const leaseRounds = Math.floor(outbox.lease_ms / (REQUESTS_PER_ATTEMPT * platform.timeout_ms))
  return { rounds: Math.max(1, Math.min(2, leaseRounds)), limit: claimLimit(outbox, platform) }
}

/**
 * Whether a row claimed at `claimedAt` (this process's clock) may still be attempted: its whole
 * attempt (up to two requests) must end before its lease does, or another process could take it
 * back while it is in flight.
 */
export function mayStillAttempt(
  claimedAt: number,
  now: number,
  outbox: Pick<OutboxOptions, "lease_ms">,
  platform: Pick<CommonPlatformOptions, "timeout_ms">
): boolean {
  return now + REQUESTS_PER_ATTEMPT * platform.timeout_ms <= claimedAt + outbox.lease_ms
}
