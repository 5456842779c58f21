import { authenticate } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoQuery, validateBody, validateQuery } from "../../../utils/validation"
import {
  StoreGetRewardSchemesParams,
  StoreSignOutRewardScheme,
  StoreSignUpRewardScheme,
  StoreVerifyRewardScheme,
} from "./validators"

export const storeRewardSchemeRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET", "POST"],
    matcher: "/store/engagement/reward-schemes*",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    method: ["GET"],
    matcher: "/store/engagement/reward-schemes",
    middlewares: [validateQuery(StoreGetRewardSchemesParams)],
  },
  {
    method: ["POST"],
    matcher: "/store/engagement/reward-schemes/:id/sign-up",
    middlewares: [validateQuery(NoQuery), validateBody(StoreSignUpRewardScheme)],
  },
  {
    method: ["POST"],
    matcher: "/store/engagement/reward-schemes/:id/verify",
    middlewares: [validateQuery(NoQuery), validateBody(StoreVerifyRewardScheme)],
  },
  {
    method: ["POST"],
    matcher: "/store/engagement/reward-schemes/:id/sign-out",
    middlewares: [validateQuery(NoQuery), validateBody(StoreSignOutRewardScheme)],
  },
]
