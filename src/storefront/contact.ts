import type {
  StoreEngagementConsentLinkDescription,
  StoreEngagementConsentLinkResponse,
  StoreEngagementConsentsResponse,
  StoreEngagementProfileResponse,
  StoreUpdateEngagementConsents,
  StoreUpdateEngagementProfile,
} from "../types"
import { call, type EngagementCallOptions, type EngagementSdk } from "./request"

/** GET /store/engagement/profile: the signed-in shopper's contact profile and purchase statistics. */
export function getProfile(sdk: EngagementSdk, options?: EngagementCallOptions) {
  return call<StoreEngagementProfileResponse>(sdk, "GET", "/store/engagement/profile", options)
}

/** POST /store/engagement/profile: only the fields given change. */
export function updateProfile(
  sdk: EngagementSdk,
  profile: StoreUpdateEngagementProfile,
  options?: EngagementCallOptions
) {
  return call<StoreEngagementProfileResponse>(sdk, "POST", "/store/engagement/profile", options, {
    body: { ...profile },
  })
}

/** GET /store/engagement/consents: every configured purpose with the shopper's current choice. */
export function listConsents(sdk: EngagementSdk, options?: EngagementCallOptions) {
  return call<StoreEngagementConsentsResponse>(sdk, "GET", "/store/engagement/consents", options)
}

/** POST /store/engagement/consents: records choices (with the wording the shopper saw) in the consent ledger. */
export function updateConsents(
  sdk: EngagementSdk,
  consents: StoreUpdateEngagementConsents["consents"],
  options?: EngagementCallOptions
) {
  return call<StoreEngagementConsentsResponse>(sdk, "POST", "/store/engagement/consents", options, {
    body: { consents },
  })
}

/** POST /store/engagement/consents/confirm: applies a confirmation link's token (double opt-in); no login. */
export function confirmConsent(sdk: EngagementSdk, token: string, options?: EngagementCallOptions) {
  return call<StoreEngagementConsentLinkResponse>(sdk, "POST", "/store/engagement/consents/confirm", options, {
    body: { token },
  })
}

/** GET /store/engagement/unsubscribe?token=: what following an unsubscribe link will do (changes nothing). */
export function describeUnsubscribeLink(sdk: EngagementSdk, token: string, options?: EngagementCallOptions) {
  return call<StoreEngagementConsentLinkDescription>(sdk, "GET", "/store/engagement/unsubscribe", options, {
    query: { token },
  })
}

/** POST /store/engagement/unsubscribe: applies an unsubscribe link's token, once; no login. */
export function unsubscribe(sdk: EngagementSdk, token: string, options?: EngagementCallOptions) {
  return call<StoreEngagementConsentLinkResponse>(sdk, "POST", "/store/engagement/unsubscribe", options, {
    body: { token },
  })
}
