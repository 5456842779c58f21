import { authenticate } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../utils/validation"
import { letWorkWaitForTheAnswer } from "../../../utils/after-the-answer"
import { StoreApplyLoyaltyPoints, StoreCartLoyaltyParams, StoreRemoveLoyaltyPoints } from "./validators"

export const storeCartLoyaltyRoutesMiddlewares: MiddlewareRoute[] = [
  // the order's engagement work starts once the shopper has the order (src/subscribers/order-placed.ts)
  { method: ["POST"], matcher: "/store/carts/:id/complete", middlewares: [letWorkWaitForTheAnswer] },
  {
    method: ["GET", "POST", "DELETE"],
    matcher: "/store/carts/:id/loyalty-points",
    middlewares: [authenticate("customer", ["session", "bearer"]), validateQuery(StoreCartLoyaltyParams)],
  },
  {
    method: ["POST"],
    matcher: "/store/carts/:id/loyalty-points",
    middlewares: [validateBody(StoreApplyLoyaltyPoints)],
  },
  {
    method: ["DELETE"],
    matcher: "/store/carts/:id/loyalty-points",
    middlewares: [validateBody(StoreRemoveLoyaltyPoints)],
  },
]
