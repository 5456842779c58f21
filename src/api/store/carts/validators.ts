import { z } from "@medusajs/framework/zod"
import { NoQuery } from "../../utils/validation"

export const StoreApplyLoyaltyPoints = z
  .object({
    points: z
      .number()
      .int("must be a whole number")
      .positive("must be more than 0 (remove points with DELETE)")
      .max(1_000_000_000, "must be at most 1000000000"),
  })
  .strict()
export type StoreApplyLoyaltyPointsType = z.infer<typeof StoreApplyLoyaltyPoints>

export const StoreCartLoyaltyParams = NoQuery

export const StoreRemoveLoyaltyPoints = z.object({}).strict()
