import { z } from "@medusajs/framework/zod"
import { LOYALTY_TRANSACTION_TYPES } from "../../../../modules/loyalty/types"
import { createBoundedFindParams, oneOrMany } from "../../../utils/find-params"

export const StoreGetLoyaltyParams = z.object({}).strict()

export const StoreGetLoyaltyTransactionsParams = createBoundedFindParams({ limit: 20, maxLimit: 100 })
  .extend({ type: oneOrMany(z.enum(LOYALTY_TRANSACTION_TYPES)).optional() })
  .strict()
export type StoreGetLoyaltyTransactionsParamsType = z.infer<typeof StoreGetLoyaltyTransactionsParams>
