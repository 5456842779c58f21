import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refetchCart } from "@medusajs/medusa/api/store/carts/helpers"
import { defaultStoreCartFields } from "@medusajs/medusa/api/store/carts/query-config"
import { applyCartLoyaltyPointsWorkflow } from "../../../../../workflows/loyalty/workflows/apply-cart-loyalty-points"
import { removeCartLoyaltyPointsWorkflow } from "../../../../../workflows/loyalty/workflows/remove-cart-loyalty-points"
import { cartLoyalty } from "../../../../utils/loyalty"
import type { StoreApplyLoyaltyPointsType } from "../../validators"
import type { StoreEngagementCartLoyaltyResponse, StoreEngagementCartResponse } from "../../../../../types/store"
import type { Sent } from "../../../../utils/sent"

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
  res.json({ cart: await refetchCart(req.params.id, req.scope, defaultStoreCartFields) })
}

/** Takes the points off the cart and gives them back to the balance. */
export const DELETE = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<Sent<StoreEngagementCartResponse>>
) => {
  await removeCartLoyaltyPointsWorkflow(req.scope).run({
    input: { cart_id: req.params.id, customer_id: req.auth_context.actor_id },
  })
  res.json({ cart: await refetchCart(req.params.id, req.scope, defaultStoreCartFields) })
}
