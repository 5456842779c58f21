/**
 * Percentiles by the nearest-rank method: the p-th percentile of n samples is the ⌈p·n⌉-th smallest.
 * A p99 of fewer than 1,000 samples is the slowest few requests, not a tail: `meaningful` says
 * whether n is large enough for each percentile (at least 10 samples above it).
 */
export interface Percentiles {
  p50: number
  p95: number
  p99: number
  n: number
  meaningful: { p95: boolean; p99: boolean }
}

export const MIN_SAMPLES = { p95: 200, p99: 1000 }

export function percentiles(samples: number[]): Percentiles {
  if (!samples.length) {
    throw new Error("percentiles of no samples")
  }
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    n: sorted.length,
    meaningful: { p95: sorted.length >= MIN_SAMPLES.p95, p99: sorted.length >= MIN_SAMPLES.p99 },
  }
}

/** CPU milliseconds of a `process.cpuUsage()` difference (user and system). */
export const cpuMs = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1000
