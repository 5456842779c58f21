import { authenticate } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoQuery, validateBody, validateQuery } from "../../../utils/validation"
import { StoreUpdateProfile } from "./validators"

export const storeProfileRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET", "POST"],
    matcher: "/store/engagement/profile",
    middlewares: [authenticate("customer", ["session", "bearer"]), validateQuery(NoQuery)],
  },
  {
    method: ["POST"],
    matcher: "/store/engagement/profile",
    middlewares: [validateBody(StoreUpdateProfile)],
  },
]
