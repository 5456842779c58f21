import type { MiddlewareRoute } from "@medusajs/framework/http"
import { ChartWeeksParams } from "../../../utils/chart-windows"
import { validateBody, validateQuery } from "../../../utils/validation"
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
    middlewares: [validateQuery(AdminGetLoyaltyParams)],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/loyalty/stats",
    middlewares: [validateQuery(ChartWeeksParams)],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/:id/loyalty",
    middlewares: [validateQuery(AdminGetLoyaltyParams)],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/contacts/:id/loyalty/transactions",
    middlewares: [validateQuery(AdminGetLoyaltyTransactionsParams, listAdminLoyaltyTransactionsQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/loyalty/adjustments",
    middlewares: [validateQuery(AdminGetLoyaltyParams), validateBody(AdminAdjustLoyaltyPoints)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/loyalty/block",
    middlewares: [validateQuery(AdminGetLoyaltyParams), validateBody(AdminLoyaltyBlock)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/contacts/:id/loyalty/unblock",
    middlewares: [validateQuery(AdminGetLoyaltyParams), validateBody(AdminLoyaltyBlock)],
  },
]
