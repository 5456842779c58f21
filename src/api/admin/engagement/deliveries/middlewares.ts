import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import * as QueryConfig from "./query-config"
import { AdminGetDeliveriesParams, AdminRetryDelivery } from "./validators"

// /admin/* routes already require an authenticated admin user (Medusa's own admin middleware)
export const adminDeliveryRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/engagement/deliveries",
    middlewares: [validateAndTransformQuery(AdminGetDeliveriesParams, QueryConfig.listDeliveriesTransformQueryConfig)],
  },
  {
    method: ["GET"],
    matcher: "/admin/engagement/deliveries/:id",
    middlewares: [validateAndTransformQuery(createSelectParams(), QueryConfig.retrieveDeliveryTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/engagement/deliveries/:id/retry",
    middlewares: [
      validateAndTransformBody(AdminRetryDelivery),
      validateAndTransformQuery(createSelectParams(), QueryConfig.retrieveDeliveryTransformQueryConfig),
    ],
  },
]
