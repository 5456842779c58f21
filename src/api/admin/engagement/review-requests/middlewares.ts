import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../utils/validation"
import { listReviewRequestsTransformQueryConfig } from "./query-config"
import { AdminGetReviewRequestsParams } from "./validators"

export const adminReviewRequestRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/engagement/review-requests",
    middlewares: [validateQuery(AdminGetReviewRequestsParams, listReviewRequestsTransformQueryConfig)],
  },
]
