import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { listReviewRequestsTransformQueryConfig } from "./query-config"
import { AdminGetReviewRequestsParams } from "./validators"

export const adminReviewRequestRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/engagement/review-requests",
    middlewares: [validateAndTransformQuery(AdminGetReviewRequestsParams, listReviewRequestsTransformQueryConfig)],
  },
]
