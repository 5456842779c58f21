import { authenticate } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../utils/validation"
import { StoreGetPromotionsParams } from "./validators"

export const storePromotionRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/engagement/promotions",
    middlewares: [authenticate("customer", ["session", "bearer"]), validateQuery(StoreGetPromotionsParams)],
  },
]
