import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../modules/engagement/types"
import type { LoyaltySource } from "../../modules/loyalty/source"
import { CrmComLoyaltyReader } from "../../providers/crmcom/loyalty-reader"
import { loyaltyOf } from "./loyalty"

/**
 * The platform that keeps the shopper's points (`loyalty.source`), or null for the local ledger.
 * The one place a route picks the source: to be re-pointed at the platform registry's "loyalty
 * source" capability once platforms are module providers.
 */
export function loyaltySourceOf(scope: MedusaContainer): LoyaltySource | null {
  const options = loyaltyOf(scope).options
  if (options.source === "local") {
    return null
  }
  if (options.source !== "crmcom") {
    throw new Error(`loyalty.source: no platform "${options.source}" can keep loyalty points`)
  }
  const perUnit = (currency: string) => options.points_per_currency_unit[currency] ?? options.points_per_currency_unit.default ?? 100
  const engagement = scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  return new CrmComLoyaltyReader(engagement, scope.resolve(ContainerRegistrationKeys.LOGGER), perUnit, options.source_cache_ms)
}

/**
 * While a platform keeps the points, the routes that would change the local ledger (spend on a
 * cart, adjust, block, claim a referral, join or leave a scheme) answer 409 naming it, and change nothing.
 */
export function refuseLocalLoyaltyWrites(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const source = loyaltySourceOf(req.scope)
  if (!source) {
    return next()
  }
  res.status(409).json({
    type: "conflict",
    message: `loyalty: this store's points are kept by ${source.platform}; they are spent and changed there, not in the store`,
  })
}

export const loyaltySourceGuardMiddlewares: MiddlewareRoute[] = [
  { method: ["POST", "DELETE"], matcher: "/store/carts/:id/loyalty-points", middlewares: [refuseLocalLoyaltyWrites] },
  { method: ["POST"], matcher: "/store/engagement/loyalty/preferences", middlewares: [refuseLocalLoyaltyWrites] },
  { method: ["POST"], matcher: "/store/engagement/referral/claim", middlewares: [refuseLocalLoyaltyWrites] },
  { method: ["POST"], matcher: "/store/engagement/reward-schemes/:id/*", middlewares: [refuseLocalLoyaltyWrites] },
  { method: ["POST"], matcher: "/admin/engagement/contacts/:id/loyalty/*", middlewares: [refuseLocalLoyaltyWrites] },
]
