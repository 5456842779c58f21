import { authenticate, MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { StoreConsentLinkBody, StoreUpdateConsents } from "./validators"

export const storeConsentRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET", "POST"],
    matcher: "/store/engagement/consents",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    method: ["POST"],
    matcher: "/store/engagement/consents",
    middlewares: [validateAndTransformBody(StoreUpdateConsents)],
  },
  {
    // the signed token is the proof: no login needed
    method: ["POST"],
    matcher: "/store/engagement/consents/confirm",
    middlewares: [validateAndTransformBody(StoreConsentLinkBody)],
  },
]
