import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"
import type { LoyaltySourceActionKind } from "../../../../provider-api/loyalty-source-writes"
import { loyaltySourceId } from "../../../../workflows/loyalty-source/utils/loyalty-source"
import { loyaltySourceTakes } from "../../../../workflows/loyalty-source/utils/source-writes"

/**
 * While a platform keeps the points, the routes that would change the local ledger (spend on a
 * cart, adjust, block, claim a referral, join or leave a scheme) answer 409 naming it, and change
 * nothing, unless the platform takes that write itself (`kind`): the route then sends it there.
 */
export function refuseLocalLoyaltyWrites(kind?: LoyaltySourceActionKind) {
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const id = loyaltySourceId(req.scope)
    if (!id || (kind && loyaltySourceTakes(req.scope, kind))) {
      return next()
    }
    const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const name = engagement.providersWith("loyalty_source").find((candidate) => candidate.id === id)?.name ?? id
    res.status(409).json({
      type: "conflict",
      message: `loyalty: this store's points are kept by ${name}; they are spent and changed there, not in the store`,
    })
  }
}

const guard = (method: "POST" | "DELETE", matcher: string, kind?: LoyaltySourceActionKind): MiddlewareRoute => ({
  method: [method],
  matcher,
  middlewares: [refuseLocalLoyaltyWrites(kind)],
})

export const loyaltySourceGuardMiddlewares: MiddlewareRoute[] = [
  guard("POST", "/store/carts/:id/loyalty-points"),
  guard("DELETE", "/store/carts/:id/loyalty-points"),
  guard("POST", "/store/engagement/loyalty/preferences", "auto_spend"),
  guard("POST", "/store/engagement/referral/claim", "referral_claim"),
  guard("POST", "/store/engagement/reward-schemes/:id/sign-up", "scheme_sign_up"),
  guard("POST", "/store/engagement/reward-schemes/:id/verify", "scheme_verify"),
  guard("POST", "/store/engagement/reward-schemes/:id/sign-out", "scheme_sign_out"),
  guard("POST", "/admin/engagement/contacts/:id/loyalty/*"),
]
