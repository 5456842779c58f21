import { authenticate, MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { noteCheckoutActor } from "./checkout-actor"
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
  {
    // checkout consents belong to the customer signed in when the cart is completed, nobody else
    method: ["POST"],
    matcher: "/store/carts/:id/complete",
    middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }), noteCheckoutActor],
  },
]
