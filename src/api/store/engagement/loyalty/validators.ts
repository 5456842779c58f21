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
