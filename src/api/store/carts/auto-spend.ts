import { authenticate } from "@medusajs/framework/http"
import type {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaResponse,
  MiddlewareRoute,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { loggableMessage } from "../../../utils/database-errors"
import { autoSpendOnCart } from "../../../workflows/loyalty/utils/auto-spend"

/**
 * Automatic spend, in the request that sets up payment (`POST /store/payment-collections`),
 * before Medusa's handler makes the payment collection: the collection is then made for the total
 * after points, and no payment session is dropped. Only for the signed-in owner of the cart; a
 * failure here never stops the checkout (the points are simply not applied).
 */
async function applyAutoSpend(req: AuthenticatedMedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const customerId = req.auth_context?.actor_type === "customer" ? req.auth_context.actor_id : undefined
  const cartId = (req.body as { cart_id?: unknown } | undefined)?.cart_id
  if (customerId && typeof cartId === "string" && /^cart_[0-9A-Za-z]{1,60}$/.test(cartId)) {
    try {
      await autoSpendOnCart(req.scope, cartId, customerId)
    } catch (error) {
      req.scope
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`loyalty: automatic spend on cart ${cartId} skipped: ${loggableMessage(error)}`)
    }
  }
  next()
}

export const storeAutoSpendMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/store/payment-collections",
    middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }), applyAutoSpend],
  },
]
