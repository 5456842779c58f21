import { authenticate, MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { StoreApplyLoyaltyPoints, StoreCartLoyaltyParams } from "./validators"

export const storeCartLoyaltyRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET", "POST", "DELETE"],
    matcher: "/store/carts/:id/loyalty-points",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/store/carts/:id/loyalty-points",
    middlewares: [validateAndTransformQuery(StoreCartLoyaltyParams, {})],
  },
  {
    method: ["POST"],
    matcher: "/store/carts/:id/loyalty-points",
    middlewares: [validateAndTransformBody(StoreApplyLoyaltyPoints)],
  },
]
