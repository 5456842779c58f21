import { z } from "@medusajs/framework/zod"

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }
// the words a store owner types for them ("14 days", "2 hours", "1 week")
const WORDS: Record<string, string> = {
  millisecond: "ms",
  milliseconds: "ms",
  sec: "s",
  secs: "s",
  second: "s",
  seconds: "s",
  min: "m",
  mins: "m",
  minute: "m",
  minutes: "m",
  hour: "h",
  hours: "h",
  day: "d",
  days: "d",
  week: "w",
  weeks: "w",
}

/**
 * "500ms", "30s", "10m", "2h", "7d", "2w", or in words ("14 days", "2 hours", "1 week"), as
 * milliseconds; a bare number is milliseconds.
 */
export function durationMs(value: string): number
export function durationMs(value: string | undefined): number | undefined
export function durationMs(value: string | undefined): number | undefined {
  if (value === undefined || value === "") {
    return undefined
  }
  const match = /^(\d+)\s*([a-z]*)$/i.exec(value.trim())
  const unit = match ? (match[2] ? (WORDS[match[2].toLowerCase()] ?? match[2].toLowerCase()) : "ms") : ""
  if (!match || !(unit in UNITS)) {
    throw new Error(`Not a duration: "${value}" (use e.g. 30s, 10m, 2h, 7d or "14 days")`)
  }
  return Number(match[1]) * UNITS[unit]
}

/** An option's duration: milliseconds, or a duration such as "30s", "10m", "7d" (one schema for every options file). */
export const durationSchema = z.union([z.number().int().min(0), z.string()]).transform((value, ctx) => {
  try {
    return typeof value === "number" ? value : durationMs(value)
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message })
    return z.NEVER
  }
})
