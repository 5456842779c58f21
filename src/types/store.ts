/**
 * Request and response types of the plugin's store routes, for storefront developers:
 *
 *   import type { StoreEngagementProfileResponse } from "medusa-plugin-engagement/types"
 *   const { profile } = await sdk.client.fetch<StoreEngagementProfileResponse>("/store/engagement/profile")
 *
 * What arrives over HTTP: dates are ISO strings, amounts numbers. The route handlers answer with
 * these types (`MedusaResponse<Sent<…>>`, src/api/utils/sent.ts) and the request types are checked
 * against the routes' validators (integration-tests/types/store-types.check.ts), so they cannot drift.
 * This file imports nothing from the server: a storefront needs only `@medusajs/types` (which it has
 * for `@medusajs/js-sdk`'s own types) for the cart routes' answer.
 */
import type { HttpTypes } from "@medusajs/types"

// ---- contact profile: GET/POST /store/engagement/profile -------------------------------------

export type StoreEngagementGender = "Male" | "Female" | "NotSpecified"

/** The signed-in shopper's contact profile and purchase statistics (amounts in the currency's main unit). */
export interface StoreEngagementProfile {
  email: string | null
  phone: string | null
  first_name: string | null
  last_name: string | null
  /** a calendar day, YYYY-MM-DD */
  date_of_birth: string | null
  gender: StoreEngagementGender | null
  custom_attributes: Record<string, string>
  total_spent: number
  order_count: number
  return_count: number
  average_order_value: number
  first_order_at: string | null
  last_order_at: string | null
  currency_code: string | null
}

export interface StoreEngagementProfileResponse {
  profile: StoreEngagementProfile
}

/** POST /store/engagement/profile: only the fields a shopper may change (at least one). */
export interface StoreUpdateEngagementProfile {
  first_name?: string
  last_name?: string
  /** digits, optionally after +, at most 20 once spaces are removed */
  phone?: string
  /** YYYY-MM-DD */
  date_of_birth?: string
  gender?: StoreEngagementGender
  custom_attributes?: Record<string, string>
}

// ---- consents: /store/engagement/consents, …/confirm, /store/engagement/unsubscribe -----------

/** A consent's value: withdrawn, waiting for the shopper's confirmation, or given. */
export type StoreEngagementConsentValue = "False" | "AwaitingConfirmation" | "True"
export type StoreEngagementConsentSource = "checkout" | "storefront" | "admin" | "email_link" | "platform" | "import"

/** One configured purpose with its current value (null until the shopper has chosen). */
export interface StoreEngagementConsent {
  purpose: string
  channel: "email" | "sms"
  description: string | null
  value: StoreEngagementConsentValue | null
  source: StoreEngagementConsentSource | null
  recorded_at: string | null
}

export interface StoreEngagementConsentsResponse {
  consents: StoreEngagementConsent[]
}

export interface StoreUpdateEngagementConsents {
  consents: {
    purpose: string
    value: StoreEngagementConsentValue
    /** the wording or version of the text the shopper saw */
    wording?: string
    /** free-form proof, as strings */
    info?: Record<string, string>
  }[]
}

/**
 * The choices made at checkout, written by the storefront into the cart's metadata under
 * `engagement_consents` (Medusa copies it onto the order); on `order.placed` the plugin records each
 * configured purpose in the consent ledger, with `wording` (at most 2000 characters) as the proof of
 * the text the shopper saw. Unknown purposes and unreadable values are left out (no ledger row).
 */
export type StoreEngagementCheckoutConsentChoice =
  boolean | StoreEngagementConsentValue | { value: boolean | StoreEngagementConsentValue; wording?: string }

/** The cart metadata value under `engagement_consents`: purpose → choice. */
export type StoreEngagementCheckoutConsents = Record<string, StoreEngagementCheckoutConsentChoice>

/** POST /store/engagement/consents/confirm (the token may also come as `?token=` on unsubscribe). */
export interface StoreEngagementConsentLink {
  token: string
}

/** What a confirmation or unsubscribe link did: the purpose's state afterwards. */
export interface StoreEngagementConsentLinkResponse {
  purpose: string
  value: StoreEngagementConsentValue
  recorded_at: string
}

/** GET /store/engagement/unsubscribe?token=: what following the link will do (changes nothing). */
export interface StoreEngagementConsentLinkDescription {
  action: "unsubscribe" | "confirm"
  purpose: string
  expires_at: string
  effect: string
}

// ---- loyalty: /store/engagement/loyalty, …/transactions, /store/carts/:id/loyalty-points ------

export interface StoreEngagementNextTier {
  id: string
  name: string
  points_needed: number
}

/**
 * The shopper's loyalty summary. `When` is how a moment is held: the ISO string that arrives over
 * HTTP (the default); the server's loyalty module holds a `Date`, which JSON turns into that string.
 */
export interface StoreEngagementLoyalty<When = string> {
  /** spendable points */
  balance: number
  /** earned points not spendable yet (a return can still take them back); see `pending_dates` */
  pending: number
  /** the pending points by the moment they become spendable, soonest first */
  pending_dates: { available_at: When; points: number }[]
  reserved: number
  debt: number
  lifetime_points: number
  period_points: number
  total_earned: number
  total_redeemed: number
  spending_blocked: boolean
  tier: {
    id: string
    name: string
    color: string | null
    reached_at: When | null
    points_to_retain: number
    retain_by: When | null
    next: StoreEngagementNextTier | null
  } | null
  /** the lowest tier and the points still needed, while the account has none */
  next_tier: StoreEngagementNextTier | null
  /** the spendable balance by when it expires; the buckets add up to `balance` */
  expiring: { from_days: number; to_days: number | null; points: number }[]
}

export interface StoreEngagementLoyaltyResponse {
  loyalty: StoreEngagementLoyalty
}

export type StoreEngagementLoyaltyTransactionType =
  "earn" | "redeem" | "expire" | "reverse" | "restore" | "adjust" | "referral" | "scheme_bonus" | "debt_repayment"

export interface StoreEngagementLoyaltyTransaction {
  id: string
  type: StoreEngagementLoyaltyTransactionType
  points: number
  order_id: string | null
  /** the number the shopper knows the order by (its `display_id`); null for a row of no order */
  order_display_id: number | null
  reason: string | null
  created_at: string
  expires_at: string | null
}

/** GET /store/engagement/loyalty/transactions query (newest first). */
export interface StoreEngagementLoyaltyTransactionsParams {
  type?: StoreEngagementLoyaltyTransactionType | StoreEngagementLoyaltyTransactionType[]
  /** 1–100, default 20 */
  limit?: number
  offset?: number
  fields?: string
}

export interface StoreEngagementLoyaltyTransactionsResponse {
  transactions: StoreEngagementLoyaltyTransaction[]
  count: number
  offset: number
  limit: number
}

/** GET /store/carts/:id/loyalty-points */
export interface StoreEngagementCartLoyaltyResponse {
  loyalty: {
    /** points the cart would earn now, with the shopper's tier, scheme and campaign multipliers */
    earnable: number
    /** points applied to the cart */
    applied: number
    spendable: number
    /** the most points this cart can take */
    max_applicable: number
    /** the earning campaign running now for the shopper, counted in `earnable` (null: none) */
    campaign: { id: string; name: string; multiplier: number; ends_at: string } | null
    currency_code: string
    /** points worth one unit of the currency (100: 1 point is worth 0.01) */
    points_per_unit: number
    /** points are applied in multiples of this (a whole minor unit, times the configured step) */
    step: number
    /** the fewest points that may be applied */
    min_points: number
  }
}

/** POST /store/carts/:id/loyalty-points (replaces what the cart had; DELETE takes them off). */
export interface StoreApplyEngagementLoyaltyPoints {
  points: number
}

/** GET and POST /store/engagement/loyalty/preferences */
export interface StoreEngagementLoyaltyPreferences {
  auto_spend: { enabled: boolean; minimum_points: number }
}

export interface StoreEngagementLoyaltyPreferencesResponse {
  preferences: StoreEngagementLoyaltyPreferences
}

/** POST /store/engagement/loyalty/preferences: `minimum_points` defaults to 0 */
export interface StoreSetEngagementLoyaltyPreferences {
  auto_spend: { enabled: boolean; minimum_points?: number }
}

/** POST and DELETE /store/carts/:id/loyalty-points: the cart with its new totals. */
export type StoreEngagementCartResponse = HttpTypes.StoreCartResponse

export * from "./store-programme"
