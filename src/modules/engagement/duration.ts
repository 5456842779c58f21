const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** "500ms", "30s", "10m", "2h", "7d" (a bare number is milliseconds) as milliseconds. */
export function durationMs(value: string): number
export function durationMs(value: string | undefined): number | undefined
export function durationMs(value: string | undefined): number | undefined {
  if (value === undefined || value === "") {
    return undefined
  }
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(value.trim())
  if (!match) {
    throw new Error(`Not a duration: "${value}" (use e.g. 500ms, 30s, 10m, 2h, 7d)`)
  }
  return Number(match[1]) * UNITS[(match[2] ?? "ms") as keyof typeof UNITS]
}
