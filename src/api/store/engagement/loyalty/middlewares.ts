import { authenticate, MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { listStoreLoyaltyTransactionsQueryConfig } from "./query-config"
import { StoreGetLoyaltyParams, StoreGetLoyaltyTransactionsParams } from "./validators"

export const storeLoyaltyRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/engagement/loyalty*",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    method: ["GET"],
    matcher: "/store/engagement/loyalty",
    middlewares: [validateAndTransformQuery(StoreGetLoyaltyParams, {})],
  },
  {
    method: ["GET"],
    matcher: "/store/engagement/loyalty/transactions",
    middlewares: [validateAndTransformQuery(StoreGetLoyaltyTransactionsParams, listStoreLoyaltyTransactionsQueryConfig)],
  },
]
