import { defineMiddlewares } from "@medusajs/framework/http"
import { adminContactRoutesMiddlewares } from "./admin/engagement/contacts/middlewares"
import { adminDeliveryRoutesMiddlewares } from "./admin/engagement/deliveries/middlewares"
import { adminPlatformRoutesMiddlewares } from "./admin/engagement/platforms/middlewares"
import { adminReconciliationRoutesMiddlewares } from "./admin/engagement/reconciliation/middlewares"
import { adminReviewRequestRoutesMiddlewares } from "./admin/engagement/review-requests/middlewares"
import { adminSettingsRoutesMiddlewares } from "./admin/engagement/settings/middlewares"
import { consentLinkRoutesMiddlewares, storeConsentRoutesMiddlewares } from "./store/engagement/consents/middlewares"
import { storeProfileRoutesMiddlewares } from "./store/engagement/profile/middlewares"
import { storePromotionRoutesMiddlewares } from "./store/engagement/promotions/middlewares"
import { storePurchaseRoutesMiddlewares } from "./store/engagement/purchases/middlewares"
import { adminLoyaltyRoutesMiddlewares } from "./admin/engagement/loyalty/middlewares"
import { storeLoyaltyRoutesMiddlewares } from "./store/engagement/loyalty/middlewares"
import { storeCartLoyaltyRoutesMiddlewares } from "./store/carts/middlewares"
import { storeAutoSpendMiddlewares } from "./store/carts/auto-spend"
import { loyaltySourceGuardMiddlewares } from "./store/engagement/loyalty/source-guard"
import { storeReferralRoutesMiddlewares } from "./store/engagement/referral/middlewares"
import { storeRewardSchemeRoutesMiddlewares } from "./store/engagement/reward-schemes/middlewares"
import { reviewLinkRoutesMiddlewares } from "./engagement/review-links/middlewares"
import { reviewWebhookRoutesMiddlewares } from "./engagement/webhooks/reviews/middlewares"
import { engagementErrorHandler } from "./error-handler"
import { ROUTES_WITH_PATH_PARAMS } from "./utils/path-params"
import { NoQuery, refuseMalformedPathParams, validateQuery } from "./utils/validation"

export default defineMiddlewares({
  // Medusa keeps one error handler for the whole application, and this replaces its default. It
  // changes answers only on the plugin's own paths (PLUGIN_PATH in error-handler.ts): an error
  // on any other path goes, as it came, to Medusa's errorHandler(), the one Medusa uses when no
  // handler is set (@medusajs/framework's http/router: `errorHandler ?? errorHandler()`).
  errorHandler: engagementErrorHandler,
  routes: [
    // matcher "/" without a method: registered before every route matcher with parameters
    { matcher: "/", middlewares: [refuseMalformedPathParams(ROUTES_WITH_PATH_PARAMS)] },
    ...adminDeliveryRoutesMiddlewares,
    ...adminContactRoutesMiddlewares,
    ...adminReviewRequestRoutesMiddlewares,
    ...adminPlatformRoutesMiddlewares,
    ...adminReconciliationRoutesMiddlewares,
    ...adminSettingsRoutesMiddlewares,
    { method: ["GET"], matcher: "/admin/orders/:id/engagement", middlewares: [validateQuery(NoQuery)] },
    ...storeConsentRoutesMiddlewares,
    ...consentLinkRoutesMiddlewares,
    ...storeProfileRoutesMiddlewares,
    ...storePromotionRoutesMiddlewares,
    ...storePurchaseRoutesMiddlewares,
    ...adminLoyaltyRoutesMiddlewares,
    ...storeLoyaltyRoutesMiddlewares,
    ...storeCartLoyaltyRoutesMiddlewares,
    ...storeAutoSpendMiddlewares,
    ...loyaltySourceGuardMiddlewares,
    ...storeReferralRoutesMiddlewares,
    ...storeRewardSchemeRoutesMiddlewares,
    ...reviewLinkRoutesMiddlewares,
    ...reviewWebhookRoutesMiddlewares,
  ],
})
