import { z } from "@medusajs/framework/zod"
import { LOYALTY_TRANSACTION_TYPES } from "../../../../modules/loyalty/types"
import { createBoundedFindParams, oneOrMany } from "../../../utils/find-params"
import { NoQuery } from "../../../utils/validation"
import { defaultStoreLoyaltyTransactionFields } from "./query-config"

export const StoreGetLoyaltyParams = NoQuery

export const StoreGetLoyaltyTransactionsParams = createBoundedFindParams({
  fields: defaultStoreLoyaltyTransactionFields,
  // newest first always: a shopper's history has one order
  sortable: ["created_at"],
  limit: 20,
  maxLimit: 100,
}).extend({ type: oneOrMany(z.enum(LOYALTY_TRANSACTION_TYPES)).optional() })
export type StoreGetLoyaltyTransactionsParamsType = z.infer<typeof StoreGetLoyaltyTransactionsParams>

export const StoreSetLoyaltyPreferences = z
  .object({
    auto_spend: z
      .object({
        enabled: z.boolean(),
        /** spend only once at least this many points are spendable (default 0) */
        minimum_points: z.number().int("must be a whole number").min(0).max(100_000_000).optional(),
      })
      .strict(),
  })
  .strict()
export type StoreSetLoyaltyPreferencesType = z.infer<typeof StoreSetLoyaltyPreferences>
