import type { MiddlewareRoute } from "@medusajs/framework/http"
import { ChartWeeksParams } from "../../../utils/chart-windows"
import { NoQuery, validateBody, validateQuery } from "../../../utils/validation"
import { listReviewRequestsTransformQueryConfig } from "./query-config"
import {
  AdminCancelReviewRequest,
  AdminGetReviewRequestsParams,
  AdminRescheduleReviewRequest,
  AdminSendReviewRequest,
} from "./validators"

export const adminReviewRequestRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/engagement/review-requests",
    middlewares: [validateQuery(AdminGetReviewRequestsParams, listReviewRequestsTransformQueryConfig)],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/review-requests/stats",
    middlewares: [validateQuery(ChartWeeksParams)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/review-requests/:id/send",
    middlewares: [validateBody(AdminSendReviewRequest), validateQuery(NoQuery)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/review-requests/:id/cancel",
    middlewares: [validateBody(AdminCancelReviewRequest), validateQuery(NoQuery)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/review-requests/:id/reschedule",
    middlewares: [validateBody(AdminRescheduleReviewRequest), validateQuery(NoQuery)],
  },
]
