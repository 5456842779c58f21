import { authenticate } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoQuery, validateBody, validateQuery } from "../../../utils/validation"
import { StoreClaimReferral, StoreGetReferralParams, StoreSendReferralInvitations } from "./validators"

export const storeReferralRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET", "POST"],
    matcher: "/store/engagement/referral*",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  { method: ["GET"], matcher: "/store/engagement/referral", middlewares: [validateQuery(StoreGetReferralParams)] },
  {
    method: ["POST"],
    matcher: "/store/engagement/referral/claim",
    middlewares: [validateQuery(NoQuery), validateBody(StoreClaimReferral)],
  },
  {
    method: ["POST"],
    matcher: "/store/engagement/referral/invitations",
    middlewares: [validateQuery(NoQuery), validateBody(StoreSendReferralInvitations)],
  },
]
