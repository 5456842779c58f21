import { z } from "@medusajs/framework/zod"
import { LOYALTY_TRANSACTION_TYPES } from "../../../../modules/loyalty/types"
import { createBoundedFindParams, oneOrMany } from "../../../utils/find-params"
import { NoQuery, text } from "../../../utils/validation"
import { defaultAdminLoyaltyTransactionFields } from "./query-config"

const reason = text({ max: 500 }).trim().min(1, "must not be empty")

export const AdminGetLoyaltyParams = NoQuery

export const AdminGetLoyaltyTransactionsParams = createBoundedFindParams({
  fields: defaultAdminLoyaltyTransactionFields,
  sortable: ["created_at"],
  limit: 20,
  maxLimit: 200,
}).extend({ type: oneOrMany(z.enum(LOYALTY_TRANSACTION_TYPES)).optional() })
export type AdminGetLoyaltyTransactionsParamsType = z.infer<typeof AdminGetLoyaltyTransactionsParams>

export const AdminAdjustLoyaltyPoints = z
  .object({
    points: z
      .number()
      .int("must be a whole number")
      .refine((points) => points !== 0, "must not be 0")
      .refine((points) => Math.abs(points) <= 100_000_000, "must be at most 100000000 either way"),
    reason,
    /** send the same key again (a retried request) and the adjustment is made once */
    idempotency_key: text({ min: 8, max: 128 })
      .regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits, _ . : - only")
      .optional(),
  })
  .strict()
export type AdminAdjustLoyaltyPointsType = z.infer<typeof AdminAdjustLoyaltyPoints>

export const AdminLoyaltyBlock = z.object({ reason }).strict()
export type AdminLoyaltyBlockType = z.infer<typeof AdminLoyaltyBlock>
