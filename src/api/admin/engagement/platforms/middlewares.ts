import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoQuery, validateQuery } from "../../../utils/validation"

// /admin/* routes are admin-only (Medusa authenticates users there before any of these)
export const adminPlatformRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/engagement/platforms", middlewares: [validateQuery(NoQuery)] },
]
