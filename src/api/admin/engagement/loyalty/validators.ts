import { z } from "@medusajs/framework/zod"
import { LOYALTY_TRANSACTION_TYPES } from "../../../../modules/loyalty/types"
import { createBoundedFindParams, oneOrMany } from "../../../utils/find-params"

const reason = z
  .string({ error: "reason must be a text" })
  .trim()
  .min(1, "reason must not be empty")
  .max(500, "reason must be at most 500 characters")

export const AdminGetLoyaltyParams = z.object({}).strict()

export const AdminGetLoyaltyTransactionsParams = createBoundedFindParams({ limit: 20, maxLimit: 200 })
  .extend({ type: oneOrMany(z.enum(LOYALTY_TRANSACTION_TYPES)).optional() })
  .strict()
export type AdminGetLoyaltyTransactionsParamsType = z.infer<typeof AdminGetLoyaltyTransactionsParams>

export const AdminAdjustLoyaltyPoints = z
  .object({
    points: z
      .number({ error: "points must be a whole number" })
      .int("points must be a whole number")
      .refine((points) => points !== 0, "points must not be 0")
      .refine((points) => Math.abs(points) <= 100_000_000, "points must be at most 100000000 either way"),
    reason,
    /** send the same key again (a retried request) and the adjustment is made once */
    idempotency_key: z.string().min(8).max(128).regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits, _ . : -").optional(),
  })
  .strict()
export type AdminAdjustLoyaltyPointsType = z.infer<typeof AdminAdjustLoyaltyPoints>

export const AdminLoyaltyBlock = z.object({ reason }).strict()
export type AdminLoyaltyBlockType = z.infer<typeof AdminLoyaltyBlock>
