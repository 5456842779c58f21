import type {
  StoreEngagementCartLoyaltyResponse,
  StoreEngagementCartResponse,
  StoreEngagementLoyaltyPreferencesResponse,
  StoreEngagementLoyaltyResponse,
  StoreEngagementLoyaltyTransactionsParams,
  StoreEngagementLoyaltyTransactionsResponse,
  StoreSetEngagementLoyaltyPreferences,
} from "../types"
import { call, segment, type EngagementCallOptions, type EngagementSdk, type OrAccepted } from "./request"

/** GET /store/engagement/loyalty: balance, tier and progress, points about to expire. */
export function getLoyalty(sdk: EngagementSdk, options?: EngagementCallOptions) {
  return call<StoreEngagementLoyaltyResponse>(sdk, "GET", "/store/engagement/loyalty", options)
}

/** GET /store/engagement/loyalty/transactions: the shopper's ledger, newest first. */
export function listLoyaltyTransactions(
  sdk: EngagementSdk,
  params?: StoreEngagementLoyaltyTransactionsParams,
  options?: EngagementCallOptions
) {
  return call<StoreEngagementLoyaltyTransactionsResponse>(
    sdk,
    "GET",
    "/store/engagement/loyalty/transactions",
    options,
    { query: { ...params } }
  )
}

/** GET /store/engagement/loyalty/preferences: automatic spend at checkout. */
export function getLoyaltyPreferences(sdk: EngagementSdk, options?: EngagementCallOptions) {
  return call<StoreEngagementLoyaltyPreferencesResponse>(sdk, "GET", "/store/engagement/loyalty/preferences", options)
}

/** POST /store/engagement/loyalty/preferences */
export function setLoyaltyPreferences(
  sdk: EngagementSdk,
  preferences: StoreSetEngagementLoyaltyPreferences,
  options?: EngagementCallOptions
) {
  return call<OrAccepted<StoreEngagementLoyaltyPreferencesResponse>>(
    sdk,
    "POST",
    "/store/engagement/loyalty/preferences",
    options,
    { body: { ...preferences } }
  )
}

/** GET /store/carts/:id/loyalty-points: what the cart earns, what is applied, the most it can take. */
export function getCartLoyalty(sdk: EngagementSdk, cartId: string, options?: EngagementCallOptions) {
  return call<StoreEngagementCartLoyaltyResponse>(sdk, "GET", `/store/carts/${segment(cartId)}/loyalty-points`, options)
}

/** POST /store/carts/:id/loyalty-points: spends `points` on the cart (replacing what it had); the cart with its new totals. */
export function applyCartPoints(sdk: EngagementSdk, cartId: string, points: number, options?: EngagementCallOptions) {
  return call<StoreEngagementCartResponse>(sdk, "POST", `/store/carts/${segment(cartId)}/loyalty-points`, options, {
    body: { points },
  })
}

/** DELETE /store/carts/:id/loyalty-points: takes the points off the cart; the cart with its new totals. */
export function removeCartPoints(sdk: EngagementSdk, cartId: string, options?: EngagementCallOptions) {
  return call<StoreEngagementCartResponse>(sdk, "DELETE", `/store/carts/${segment(cartId)}/loyalty-points`, options)
}
