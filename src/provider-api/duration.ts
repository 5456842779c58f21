import { z } from "@medusajs/framework/zod"

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

/** An option's duration: milliseconds, or a duration such as "30s", "10m", "7d" (one schema for every options file). */
export const durationSchema = z.union([z.number().int().min(0), z.string()]).transform((value, ctx) => {
  try {
    return typeof value === "number" ? value : durationMs(value)
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message })
    return z.NEVER
  }
})
