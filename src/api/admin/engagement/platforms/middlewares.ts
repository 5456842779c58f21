import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoQuery, validateQuery } from "../../../utils/validation"
import { AdminGetPlatformStatsParams } from "./validators"

// /admin/* routes are admin-only (Medusa authenticates users there before any of these)
export const adminPlatformRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/engagement/platforms", middlewares: [validateQuery(NoQuery)] },
  {
    method: ["GET"],
    matcher: "/admin/engagement/platforms/stats",
    middlewares: [validateQuery(AdminGetPlatformStatsParams)],
  },
]
