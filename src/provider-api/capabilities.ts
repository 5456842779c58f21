import type {
  StoreEngagementPromotion,
  StoreEngagementPromotionChannel,
  StoreEngagementPurchasesResponse,
} from "../types/store"
import type { LoyaltySource } from "./loyalty-source"
import type { LoyaltySourceWrites } from "./loyalty-source-writes"
import type { StorefrontOptions } from "./storefront"
import type { PlatformCall } from "./types"
import type { ErrorAnswer } from "./platform-failure"

/**
 * What a provider can do beyond sending its outbox rows. Workflows, subscribers and routes ask the
 * module for the providers with a capability (`providersWith("cart_conversions")`) and never name a
 * platform; a provider declares only the capabilities it has.
 */
export interface EngagementCapabilities {
  /** keeps a copy of every contact (profile and consents): its `platform.contactSync` plans the calls */
  contact_copies?: true
  /** is told when a placed order converted the shopper's cart */
  cart_conversions?: CartConversionCapability
  /** sends the shopper the review request of an order (instead of the built-in email) */
  review_requests?: ReviewRequestCapability
  /** runs marketing journeys that can be stopped for a shopper */
  journeys?: JourneyCapability
  /** answers the signed-in shopper's "My pages" reads (promotions, purchase history) */
  shopper_pages?: ShopperPagesCapability
  /** can show an admin its own copy of one contact, looked up by an identifier */
  contact_lookup?: ContactLookupCapability
  /** keeps the shoppers' loyalty points itself: the store reads them there when `loyalty.source` names it */
  loyalty_source?: LoyaltySourceCapability
  /** can be told to stop processing an erased shopper (consent withdrawals, opt-outs, journey stops) */
  erasure?: ErasureCapability
}

export type EngagementCapability = keyof EngagementCapabilities

/** An order as a cart conversion reads it: the `order_fields` the capability asked for (amounts may be BigNumbers). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ConversionOrder = { id: string; email?: string | null; customer_id?: string | null } & Record<string, any>

export interface CartConversionCapability {
  /** the order fields the conversion reads (`query.graph` field paths) */
  order_fields: readonly string[]
  /** the outbox row telling the platform the order's cart converted, keyed per order (sent once) */
  build(order: ConversionOrder, storefront: StorefrontOptions): PlatformCall
}

/** A line item as a review request's purchase mapping reads it. */
export interface ReviewableLineItem {
  id: string
  title: string
  product_title?: string | null
  variant_id?: string | null
  quantity: number
  variant_barcode?: string | null
  variant_ean?: string | null
  variant_upc?: string | null
  variant_sku?: string | null
  variant_metadata?: Record<string, unknown> | null
  product_metadata?: Record<string, unknown> | null
}

export interface ReviewPurchaseRules {
  gtin_sources: readonly ("barcode" | "ean" | "upc")[]
  mpn_metadata_key: string
  mpn_fallback_to_sku: boolean
  brand_metadata_key: string
  default_brand?: string
}

export interface ExcludedReviewItem {
  line_item_ids: string[]
  title: string
  reason: string
}

export interface ReviewRequestCapability {
  /** the purchases the platform can ask about, and the items it cannot identify with the reason */
  mapPurchases(
    items: ReviewableLineItem[],
    rules: ReviewPurchaseRules,
    language: string
  ): { purchases: unknown[]; excluded: ExcludedReviewItem[] }
  /** the operations of its deliveries: their outcome decides the review request (sent or failed) */
  operations: readonly string[]
  /** why an order none of whose purchases the platform can identify is skipped */
  no_purchases_reason: string
  /** the outbox row that schedules the request (its `subject_id` is the review request) */
  build(request: ReviewRequestToSchedule): PlatformCall
}

export interface ReviewRequestToSchedule {
  review_request_id: string
  order_id: string
  customer_id: string | null
  email: string
  first_name: string
  last_name: string
  ordered_at: string | Date
  purchases: unknown[]
}

export interface JourneyCapability {
  /** stop the shopper's journeys when an order of theirs is canceled */
  cancel_on_order_cancel: boolean
  /** the outbox row that stops one shopper's journeys, keyed by its cause */
  buildCancellation(entry: {
    email: string
    customer_id?: string | null
    order_id?: string | null
    cause: string
  }): PlatformCall
}

export type ShopperPromotionChannel = StoreEngagementPromotionChannel
export const SHOPPER_PROMOTION_CHANNELS = ["ECOM", "POS", "OTHER"] as const satisfies readonly ShopperPromotionChannel[]

/** What a "My pages" read needs of the module: the shopper's contact id on the platform. */
export interface ShopperContactSource {
  listContactSyncs(filters: { customer_id: string; platform: string }): Promise<{ external_id: string | null }[]>
}

export interface ShopperPagesCapability {
  readPromotions(
    source: ShopperContactSource,
    customerId: string,
    channel?: ShopperPromotionChannel
  ): Promise<StoreEngagementPromotion[]>
  readPurchases(
    source: ShopperContactSource,
    customerId: string,
    page: { offset: number; limit: number }
  ): Promise<StoreEngagementPurchasesResponse>
  /** the store's answer to a read that failed for a known reason (never a 5xx); null for any other error */
  errorAnswer(error: unknown): ErrorAnswer | null
}

export const CONTACT_LOOKUP_KEYS = ["email", "phone", "crm_id", "id"] as const
export type ContactLookupKey = (typeof CONTACT_LOOKUP_KEYS)[number]

export interface ContactLookupCapability {
  /** the outbox operation that reads the contact by this identifier */
  operation(by: ContactLookupKey): string
}

/** What a loyalty source's reads need of the module: the shopper's contact on the platform and its sealed credentials. */
export interface LoyaltyContactSource {
  listContactSyncs(filters: {
    customer_id: string
    platform: string
  }): Promise<{ external_id: string | null; credentials?: string | null }[]>
}

export interface LoyaltySourceCapability {
  /** a reader of the shoppers' figures; money is shown as points at `pointsPerUnit` of its currency */
  reader(source: LoyaltyContactSource, pointsPerUnit: (currencyCode: string) => number, cacheMs: number): LoyaltySource
  /** the shopper's writes it takes (scheme sign-up, referrals…), each an outbox row of its own; others answer 409 */
  writes?(source: LoyaltyContactSource, pointsPerUnit: (currencyCode: string) => number): LoyaltySourceWrites
}

/** What an erasure's stop calls need of the shopper, read before the plugin's copy is erased. */
export interface ErasureContact {
  /** the erasure: the stop calls' `subject_id` and part of their idempotency keys (sent once per erasure) */
  erasure_id: string
  customer_id: string
  email: string | null
  phone: string | null
  crm_id: string | null
  /** the id the platform gave the contact, when its contact sync has one */
  external_id: string | null
  /** the platform's sealed credentials of the contact (its contact sync's), when it has some */
  credentials: string | null
}

export interface ErasureCapability {
  /** the outbox rows that make the platform stop processing the shopper; none when it cannot be reached */
  buildStopCalls(contact: ErasureContact): PlatformCall[]
  /** what the platform still holds of the shopper after its stop calls, to be deleted there by hand */
  stillHeld(contact: ErasureContact): string[]
}
