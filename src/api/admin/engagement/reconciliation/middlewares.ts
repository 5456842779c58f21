import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../utils/validation"
import { AdminGetReconciliationParams } from "./validators"

// /admin/* routes already require an authenticated admin user (Medusa's own admin middleware)
export const adminReconciliationRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/engagement/reconciliation",
    middlewares: [validateQuery(AdminGetReconciliationParams)],
  },
]
