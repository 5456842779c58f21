import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refetchCart } from "@medusajs/medusa/api/store/carts/helpers"
import { defaultStoreCartFields } from "@medusajs/medusa/api/store/carts/query-config"
import { applyCartLoyaltyPointsWorkflow } from "../../../../../workflows/loyalty/workflows/apply-cart-loyalty-points"
import { removeCartLoyaltyPointsWorkflow } from "../../../../../workflows/loyalty/workflows/remove-cart-loyalty-points"
import { cartLoyalty } from "../../../../../workflows/loyalty/utils/cart-loyalty"
import type { StoreApplyLoyaltyPointsType } from "../../validators"
import type { StoreEngagementCartLoyaltyResponse, StoreEngagementCartResponse } from "../../../../../types/store"
import type { Sent } from "../../../../utils/sent"

/**
 * The cart as Medusa's cart routes answer it, with its credit lines: Medusa's `refetchCart` leaves
 * out the `*relation` fields of its defaults, and a storefront labels the points' line from them.
 */
const CART_FIELDS = [...defaultStoreCartFields, "credit_lines.*"]

/** What the cart will earn, the points applied, the spendable balance and the most it can take. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementCartLoyaltyResponse>>
) => {
  res.json({ loyalty: await cartLoyalty(req.scope, req.params.id, req.auth_context.actor_id) })
}

/** Applies points to the signed-in shopper's cart (replacing what it had); the cart comes back with its new totals. */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreApplyLoyaltyPointsType>,
  res: MedusaResponse<Sent<StoreEngagementCartResponse>>
) => {
  await applyCartLoyaltyPointsWorkflow(req.scope).run({
    input: { cart_id: req.params.id, customer_id: req.auth_context.actor_id, points: req.validatedBody.points },
  })
  res.json({ cart: await refetchCart(req.params.id, req.scope, CART_FIELDS) })
}

/** Takes the points off the cart and gives them back to the balance. */
export const DELETE = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementCartResponse>>
) => {
  await removeCartLoyaltyPointsWorkflow(req.scope).run({
    input: { cart_id: req.params.id, customer_id: req.auth_context.actor_id },
  })
  res.json({ cart: await refetchCart(req.params.id, req.scope, CART_FIELDS) })
}
