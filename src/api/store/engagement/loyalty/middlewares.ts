import { authenticate } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoQuery, validateBody, validateQuery } from "../../../utils/validation"
import { listStoreLoyaltyTransactionsQueryConfig } from "./query-config"
import { StoreGetLoyaltyParams, StoreGetLoyaltyTransactionsParams, StoreSetLoyaltyPreferences } from "./validators"

export const storeLoyaltyRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET", "POST"],
    matcher: "/store/engagement/loyalty*",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    method: ["GET"],
    matcher: "/store/engagement/loyalty",
    middlewares: [validateQuery(StoreGetLoyaltyParams)],
  },
  {
    method: ["GET"],
    matcher: "/store/engagement/loyalty/transactions",
    middlewares: [validateQuery(StoreGetLoyaltyTransactionsParams, listStoreLoyaltyTransactionsQueryConfig)],
  },
  { method: ["GET"], matcher: "/store/engagement/loyalty/preferences", middlewares: [validateQuery(NoQuery)] },
  {
    method: ["POST"],
    matcher: "/store/engagement/loyalty/preferences",
    middlewares: [validateQuery(NoQuery), validateBody(StoreSetLoyaltyPreferences)],
  },
]
