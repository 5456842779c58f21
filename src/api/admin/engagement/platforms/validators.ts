import { z } from "@medusajs/framework/zod"

/** The windows of the platforms' delivery chart, in hours. */
export const DELIVERY_WINDOWS = { "24h": 24, "7d": 168 } as const

/** `?window=24h` or `?window=7d`. */
export const AdminGetPlatformStatsParams = z
  .object({
    window: z.enum(["24h", "7d"]).default("24h"),
  })
  .strict()
export type AdminGetPlatformStatsParamsType = z.infer<typeof AdminGetPlatformStatsParams>
