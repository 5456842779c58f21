import { authenticate } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../utils/validation"
import { StoreGetPurchasesParams } from "./validators"

export const storePurchaseRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/engagement/purchases",
    middlewares: [authenticate("customer", ["session", "bearer"]), validateQuery(StoreGetPurchasesParams)],
  },
]
