import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"

// Medusa's cart ids; anything else is left for the cart route to refuse
const CART_ID = /^[A-Za-z0-9_]{1,64}$/

/**
 * Before `POST /store/carts/:id/complete`: notes whether a signed-in customer completes the cart.
 * The order's customer cannot tell: Medusa attaches a checkout without login to the registered
 * customer with the same email. Runs after `authenticate(..., { allowUnauthenticated: true })`.
 */
export async function noteCheckoutActor(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const cartId = req.params.id
  if (CART_ID.test(cartId ?? "")) {
    const auth = (req as MedusaRequest & { auth_context?: { actor_type?: string; actor_id?: string } }).auth_context
    const signedIn = auth?.actor_type === "customer" && auth.actor_id ? auth.actor_id : null
    await req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).noteCheckoutActor(cartId, signedIn)
  }
  next()
}
