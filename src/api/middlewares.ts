import { defineMiddlewares } from "@medusajs/framework/http"
import { adminContactRoutesMiddlewares } from "./admin/engagement/contacts/middlewares"
import { adminDeliveryRoutesMiddlewares } from "./admin/engagement/deliveries/middlewares"
import { adminReviewRequestRoutesMiddlewares } from "./admin/engagement/review-requests/middlewares"
import { storeConsentRoutesMiddlewares } from "./store/engagement/consents/middlewares"
import { storeProfileRoutesMiddlewares } from "./store/engagement/profile/middlewares"
import { adminLoyaltyRoutesMiddlewares } from "./admin/engagement/loyalty/middlewares"
import { storeLoyaltyRoutesMiddlewares } from "./store/engagement/loyalty/middlewares"
import { storeCartLoyaltyRoutesMiddlewares } from "./store/carts/middlewares"

export default defineMiddlewares({
  routes: [
    ...adminDeliveryRoutesMiddlewares,
    ...adminContactRoutesMiddlewares,
    ...adminReviewRequestRoutesMiddlewares,
    ...storeConsentRoutesMiddlewares,
    ...storeProfileRoutesMiddlewares,
    ...adminLoyaltyRoutesMiddlewares,
    ...storeLoyaltyRoutesMiddlewares,
    ...storeCartLoyaltyRoutesMiddlewares,
  ],
})
