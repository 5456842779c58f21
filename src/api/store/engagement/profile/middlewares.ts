import { authenticate, MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { StoreUpdateProfile } from "./validators"

export const storeProfileRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET", "POST"],
    matcher: "/store/engagement/profile",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    method: ["POST"],
    matcher: "/store/engagement/profile",
    middlewares: [validateAndTransformBody(StoreUpdateProfile)],
  },
]
