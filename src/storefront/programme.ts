import type {
  StoreEngagementPromotionsParams,
  StoreEngagementPromotionsResponse,
  StoreEngagementPurchasesParams,
  StoreEngagementPurchasesResponse,
  StoreEngagementReferralClaimResponse,
  StoreEngagementReferralInvitationsResponse,
  StoreEngagementReferralResponse,
  StoreEngagementRewardSchemeResponse,
  StoreEngagementRewardSchemeSignUpResponse,
  StoreEngagementRewardSchemesResponse,
} from "../types"
import { call, segment, type EngagementCallOptions, type EngagementSdk, type OrAccepted } from "./request"

/** GET /store/engagement/referral: the shopper's code, share link and counts. */
export function getReferral(sdk: EngagementSdk, options?: EngagementCallOptions) {
  return call<StoreEngagementReferralResponse>(sdk, "GET", "/store/engagement/referral", options)
}

/** POST /store/engagement/referral/claim: claims a friend's code before the first order (a refusal is a 400 naming `code`). */
export function claimReferral(sdk: EngagementSdk, code: string, options?: EngagementCallOptions) {
  return call<OrAccepted<StoreEngagementReferralClaimResponse>>(
    sdk,
    "POST",
    "/store/engagement/referral/claim",
    options,
    { body: { code } }
  )
}

/** POST /store/engagement/referral/invitations: 1–10 addresses; each gets its own result. */
export function sendReferralInvitations(sdk: EngagementSdk, emails: string[], options?: EngagementCallOptions) {
  return call<OrAccepted<StoreEngagementReferralInvitationsResponse>>(
    sdk,
    "POST",
    "/store/engagement/referral/invitations",
    options,
    { body: { emails } }
  )
}

/** GET /store/engagement/reward-schemes: the schemes a shopper may join, and whether they have. */
export function listRewardSchemes(sdk: EngagementSdk, options?: EngagementCallOptions) {
  return call<StoreEngagementRewardSchemesResponse>(sdk, "GET", "/store/engagement/reward-schemes", options)
}

/** POST /store/engagement/reward-schemes/:id/sign-up: `email` (in an allowed domain) for a closed-loop scheme, which then waits for `verifyRewardScheme`. */
export function signUpForRewardScheme(
  sdk: EngagementSdk,
  schemeId: string,
  email?: string,
  options?: EngagementCallOptions
) {
  return call<OrAccepted<StoreEngagementRewardSchemeSignUpResponse>>(
    sdk,
    "POST",
    `/store/engagement/reward-schemes/${segment(schemeId)}/sign-up`,
    options,
    { body: email === undefined ? {} : { email } }
  )
}

/** POST /store/engagement/reward-schemes/:id/verify: the code emailed at sign-up. */
export function verifyRewardScheme(
  sdk: EngagementSdk,
  schemeId: string,
  code: string,
  options?: EngagementCallOptions
) {
  return call<OrAccepted<StoreEngagementRewardSchemeResponse>>(
    sdk,
    "POST",
    `/store/engagement/reward-schemes/${segment(schemeId)}/verify`,
    options,
    { body: { code } }
  )
}

/** POST /store/engagement/reward-schemes/:id/sign-out */
export function signOutOfRewardScheme(sdk: EngagementSdk, schemeId: string, options?: EngagementCallOptions) {
  return call<OrAccepted<StoreEngagementRewardSchemeResponse>>(
    sdk,
    "POST",
    `/store/engagement/reward-schemes/${segment(schemeId)}/sign-out`,
    options,
    { body: {} }
  )
}

/** GET /store/engagement/promotions: the shopper's offers on the platform offering My pages. */
export function listPromotions(
  sdk: EngagementSdk,
  params?: StoreEngagementPromotionsParams,
  options?: EngagementCallOptions
) {
  return call<StoreEngagementPromotionsResponse>(sdk, "GET", "/store/engagement/promotions", options, {
    query: { ...params },
  })
}

/** GET /store/engagement/purchases: purchases and returns in every channel, from the platform offering My pages. */
export function listPurchases(
  sdk: EngagementSdk,
  params?: StoreEngagementPurchasesParams,
  options?: EngagementCallOptions
) {
  return call<StoreEngagementPurchasesResponse>(sdk, "GET", "/store/engagement/purchases", options, {
    query: { ...params },
  })
}
