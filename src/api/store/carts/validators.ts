import { z } from "@medusajs/framework/zod"

export const StoreApplyLoyaltyPoints = z
  .object({
    points: z
      .number({ error: "points must be a whole number" })
      .int("points must be a whole number")
      .positive("points must be more than 0 (remove points with DELETE)")
      .max(1_000_000_000, "points must be at most 1000000000"),
  })
  .strict()
export type StoreApplyLoyaltyPointsType = z.infer<typeof StoreApplyLoyaltyPoints>

export const StoreCartLoyaltyParams = z.object({}).strict()
