import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoQuery, validateBody, validateQuery } from "../../../utils/validation"
import * as QueryConfig from "./query-config"
import {
  AdminCancelDeliveries,
  AdminGetDeliveriesParams,
  AdminGetDeliveryParams,
  AdminRetryDeliveries,
  AdminRetryDelivery,
} from "./validators"

// /admin/* routes already require an authenticated admin user (Medusa's own admin middleware)
export const adminDeliveryRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/engagement/deliveries",
    middlewares: [validateQuery(AdminGetDeliveriesParams, QueryConfig.listDeliveriesTransformQueryConfig)],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/deliveries/:id",
    middlewares: [validateQuery(AdminGetDeliveryParams, QueryConfig.retrieveDeliveryTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/deliveries/retry",
    middlewares: [validateBody(AdminRetryDeliveries), validateQuery(NoQuery)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/deliveries/cancel",
    middlewares: [validateBody(AdminCancelDeliveries), validateQuery(NoQuery)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/deliveries/:id/retry",
    middlewares: [
      validateBody(AdminRetryDelivery),
      validateQuery(AdminGetDeliveryParams, QueryConfig.retrieveDeliveryTransformQueryConfig),
    ],
  },
]
