import { authenticate } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoQuery, validateBody, validateQuery } from "../../../utils/validation"
import { noteCheckoutActor } from "./checkout-actor"
import { ConsentLinkBody, ConsentLinkQuery, StoreConsentLinkBody, StoreUpdateConsents } from "./validators"

export const storeConsentRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET", "POST"],
    matcher: "/store/engagement/consents",
    middlewares: [authenticate("customer", ["session", "bearer"]), validateQuery(NoQuery)],
  },
  {
    method: ["POST"],
    matcher: "/store/engagement/consents",
    middlewares: [validateBody(StoreUpdateConsents)],
  },
  {
    // the signed token is the proof: no login needed
    method: ["POST"],
    matcher: "/store/engagement/consents/confirm",
    middlewares: [validateQuery(NoQuery), validateBody(StoreConsentLinkBody)],
  },
  {
    // checkout consents belong to the customer signed in when the cart is completed, nobody else
    method: ["POST"],
    matcher: "/store/carts/:id/complete",
    middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }), noteCheckoutActor],
  },
]

/**
 * Unsubscribe links, in /store and outside it (a mail client following List-Unsubscribe sends
 * no publishable key): the token comes in the query string or the body.
 */
export const consentLinkRoutesMiddlewares: MiddlewareRoute[] = [
  "/store/engagement/unsubscribe",
  "/engagement/unsubscribe",
].flatMap((matcher): MiddlewareRoute[] => [
  { method: ["GET", "POST"], matcher, middlewares: [validateQuery(ConsentLinkQuery)] },
  { method: ["POST"], matcher, middlewares: [validateBody(ConsentLinkBody)] },
])
