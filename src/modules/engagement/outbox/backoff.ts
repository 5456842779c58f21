/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * base × 2^(n-1), capped at max. The jitter spreads retries from many rows after an outage,
 * so a platform that comes back is not hit by every row at the same instant.
 */
export function backoffDelayMs(
  attempts: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random
): number {
  const exponent = Math.max(0, attempts - 1)
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(exponent, 30))
  return Math.round(ceiling / 2 + (ceiling / 2) * random())
}
