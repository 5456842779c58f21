import { MathBN } from "@medusajs/framework/utils"
import type { ReviewRequestOptions } from "../../../modules/engagement/options"
import type { CurrentConsent } from "../../../modules/engagement/consents/queries"
import type { ScheduleReviewRequestInput } from "../../../modules/engagement/types"
import type { ReviewableLineItem, ReviewRequestCapability } from "../../../provider-api/capabilities"
import type { ReviewOrder } from "./order-fields"
import { reviewDelayMs } from "./timing"

export const REVIEW_CONSENT_PURPOSES = ["review_requests", "email_marketing"]

export function toLineItems(order: ReviewOrder): ReviewableLineItem[] {
  return (order.items ?? []).map((item) => ({
    id: item.id,
    title: item.title,
    product_title: item.product_title,
    variant_id: item.variant_id,
    quantity: MathBN.convert(item.quantity).toNumber(),
    variant_barcode: item.variant_barcode,
    variant_ean: item.variant?.ean,
    variant_upc: item.variant?.upc,
    variant_sku: item.variant_sku,
    variant_metadata: item.variant?.metadata,
    product_metadata: item.product?.metadata,
  }))
}

/** The two-letter language: customer metadata, then order metadata, then the default. */
export function reviewLanguage(order: ReviewOrder, options: ReviewRequestOptions): string {
  for (const source of [order.customer?.metadata, order.metadata]) {
    const value = source?.[options.language_metadata_key]
    const match = typeof value === "string" ? /^([a-z]{2})\b/i.exec(value.trim()) : null
    if (match) {
      return match[1].toLowerCase()
    }
  }
  return options.default_language
}

/**
 * Why this shopper must not be asked, or null. The consent ledger decides when it has a value
 * for `review_requests` (else `email_marketing`); until a purpose is recorded, the interim
 * customer metadata flag does.
 */
export function reviewOptOutReason(
  order: ReviewOrder,
  consents: CurrentConsent[],
  options: ReviewRequestOptions
): string | null {
  for (const purpose of REVIEW_CONSENT_PURPOSES) {
    const consent = consents.find((candidate) => candidate.purpose === purpose)
    if (consent) {
      return consent.value === "True" ? null : `no consent for ${purpose} (${consent.value})`
    }
  }
  const flag = order.customer?.metadata?.[options.opt_out_metadata_key]
  return flag === true || flag === "true"
    ? `customer opted out of review requests (${options.opt_out_metadata_key})`
    : null
}

/** Decides what to store for a newly placed order: when to ask, or why not. */
export function planReviewRequest(args: {
  order: ReviewOrder
  options: ReviewRequestOptions
  consents: CurrentConsent[]
  /** the platform that sends review requests; none: the built-in email, which needs no purchase mapping */
  reviewPlatform?: ReviewRequestCapability
}): ScheduleReviewRequestInput {
  const { order, options, consents, reviewPlatform } = args
  const base = {
    order_id: order.id,
    customer_id: order.customer_id ?? null,
    email: order.email ?? null,
    trigger: options.trigger,
  }
  if (order.status === "canceled") {
    return { ...base, status: "canceled", reason: "order canceled" }
  }
  if (!order.email) {
    return { ...base, status: "skipped", reason: "the order has no email address" }
  }
  const optOut = reviewOptOutReason(order, consents, options)
  if (optOut) {
    return { ...base, status: "skipped", reason: optOut }
  }
  const { purchases, excluded } = reviewPlatform
    ? reviewPlatform.mapPurchases(toLineItems(order), options, reviewLanguage(order, options))
    : { purchases: [], excluded: [] }
  if (reviewPlatform && !purchases.length) {
    return {
      ...base,
      status: "skipped",
      reason: reviewPlatform.no_purchases_reason,
      excluded_items: excluded,
    }
  }
  const delay = reviewDelayMs(order, options)
  const sendAt = options.trigger === "placed" ? new Date(new Date(order.created_at).getTime() + delay) : null
  return {
    ...base,
    status: "scheduled",
    send_at: sendAt,
    delay_seconds: Math.round(delay / 1000),
    purchases,
    excluded_items: excluded,
  }
}
