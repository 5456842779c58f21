/**
 * Request and response types of the plugin's store routes for referrals, reward schemes and the
 * shopper's "My pages" (re-exported by `./store`, so `medusa-plugin-engagement/types` has them all).
 */

// ---- referrals: /store/engagement/referral, …/claim, …/invitations ----------------------------

export interface StoreEngagementReferralResponse {
  referral: {
    /** null until the customer's code is made (on `customer.created`, or by the backfill) */
    code: string | null
    url: string | null
    invited: number
    joined: number
    rewarded: number
  }
}

export interface StoreClaimEngagementReferral {
  /** letters and digits */
  code: string
}

export type StoreEngagementReferralStatus = "claimed" | "awarded" | "reversed" | "refused"
export type StoreEngagementReferralRefusal =
  "self_referral" | "circular_referral" | "already_customer" | "already_referred" | "already_claimed" | "daily_cap"

/** The claim's answer; a refused claim is a 400 whose body carries the same `referral`. */
export interface StoreEngagementReferralClaimResponse {
  referral: {
    id: string
    code: string
    status: StoreEngagementReferralStatus
    refusal_reason: StoreEngagementReferralRefusal | null
  }
}

export interface StoreSendEngagementReferralInvitations {
  /** 1–10 addresses */
  emails: string[]
}

export interface StoreEngagementReferralInvitationsResponse {
  invitations: { email: string; status: "sent" | "skipped"; reason: string | null }[]
}

// ---- reward schemes: /store/engagement/reward-schemes, …/:id/{sign-up,verify,sign-out} ----------

export interface StoreEngagementRewardScheme {
  id: string
  name: string
  description: string
  /** null when a loyalty source platform keeps the points and applies its own rules */
  multiplier: number | null
  signup_bonus: number | null
  /** joining needs an address in one of `allowed_domains`, verified by an emailed code */
  closed_loop: boolean
  allowed_domains: string[]
  joined: boolean
}

export interface StoreEngagementRewardSchemesResponse {
  reward_schemes: StoreEngagementRewardScheme[]
}

/** POST …/sign-up: `email` only for closed-loop schemes. */
export interface StoreSignUpEngagementRewardScheme {
  email?: string
}

export interface StoreEngagementRewardSchemeResponse {
  reward_scheme: StoreEngagementRewardScheme
}

export interface StoreEngagementRewardSchemeSignUpResponse extends StoreEngagementRewardSchemeResponse {
  /**
   * where the code went, for a closed-loop scheme; null when the shopper joined at once. `expires_at`
   * is null when a platform that keeps the points sent the code (it does not say).
   */
  verification: { email: string; expires_at: string | null } | null
}

/** POST …/verify: the code sent by email (the store's: 6 digits; a platform's that keeps the points: its own). */
export interface StoreVerifyEngagementRewardScheme {
  code: string
}

// ---- errors and answers naming a platform ----------------------------------------------------

/**
 * A platform the answer depends on failed (the one offering My pages, the one that keeps the
 * points for loyalty): 424 Failed Dependency, never a 5xx. `platform` names it, `failed` says what
 * could not be done; `retry_after` (seconds, also the `Retry-After` header) when the platform said.
 * Before the shopper's contact is on the platform, the answer is a 409 `{ type: "conflict", message }`.
 */
export interface StoreEngagementPlatformError {
  type: "platform_unavailable" | "platform_error"
  message: string
  platform: string
  failed: string
  retry_after?: number
}

/** 202: a loyalty write to the platform that keeps the points could not be attempted at once; it is sent shortly. */
export interface StoreEngagementLoyaltyWriteAccepted {
  type: "accepted"
  message: string
  delivery: { id: string; status: "pending" | "sending" | "dry_run" }
}

/** 400: the platform that keeps the points refused the shopper's write; `message` names the field. */
export interface StoreEngagementLoyaltyWriteRefused {
  type: "invalid_data"
  message: string
  /** the platform's error code, lower case ("refused" when it gave none) */
  reason: string
}

// ---- My pages: /store/engagement/promotions, /store/engagement/purchases -----------------------

export type StoreEngagementPromotionChannel = "ECOM" | "POS" | "OTHER"

export interface StoreEngagementPromotionsParams {
  type?: StoreEngagementPromotionChannel
}

export interface StoreEngagementPromotion {
  id: string
  promotion_id: string | null
  name: string | null
  heading: string | null
  description: string | null
  image_url: string | null
  expires_at: string | null
  redeemed: boolean
  /** how the promotion is redeemed in the channel asked for (e.g. the code to enter online) */
  redemption: { channel: string; value_type: string | null; value: string | null } | null
}

export interface StoreEngagementPromotionsResponse {
  promotions: StoreEngagementPromotion[]
}

export interface StoreEngagementPurchasesParams {
  /** 1–100, default 20 */
  limit?: number
  offset?: number
}

export interface StoreEngagementPurchase {
  id: string
  type: "purchase" | "return"
  receipt_number: string | null
  sku: string | null
  article_name: string | null
  quantity: number | null
  amount: number | null
  discount: number | null
  currency_code: string | null
  store_name: string | null
  occurred_at: string | null
}

export interface StoreEngagementPurchasesResponse {
  purchases: StoreEngagementPurchase[]
  count: number
  offset: number
  limit: number
}
