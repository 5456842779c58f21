import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listAdminLoyaltyTransactionsQueryConfig } from "./query-config"
import {
  AdminAdjustLoyaltyPoints,
  AdminGetLoyaltyParams,
  AdminGetLoyaltyTransactionsParams,
  AdminLoyaltyBlock,
} from "./validators"

// /admin/* routes are admin-only (Medusa authenticates users there before any of these)
export const adminLoyaltyRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/engagement/loyalty",
    middlewares: [validateAndTransformQuery(AdminGetLoyaltyParams, {})],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/:id/loyalty",
    middlewares: [validateAndTransformQuery(AdminGetLoyaltyParams, {})],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/:id/loyalty/transactions",
    middlewares: [validateAndTransformQuery(AdminGetLoyaltyTransactionsParams, listAdminLoyaltyTransactionsQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/loyalty/adjustments",
    middlewares: [validateAndTransformBody(AdminAdjustLoyaltyPoints)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/loyalty/block",
    middlewares: [validateAndTransformBody(AdminLoyaltyBlock)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/loyalty/unblock",
    middlewares: [validateAndTransformBody(AdminLoyaltyBlock)],
  },
]
