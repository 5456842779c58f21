import type { CurrentConsent } from "../../../modules/engagement/consents/queries"
import type { ReviewRequestOptions } from "../../../modules/engagement/options"
import type { StorefrontOptions } from "../../../provider-api/storefront"
import { fillUrlPattern } from "../../../utils/url-pattern"
import type { EnqueueDeliveryInput } from "../../../provider-api/types"
import type { ReviewRequestRecord } from "../../../modules/engagement/types"

export type ReviewRequestToSend = Pick<ReviewRequestRecord, "id" | "order_id" | "customer_id" | "purchases">
import type { ReviewRequestCapability } from "../../../provider-api/capabilities"
import type { ReviewOrder } from "./order-fields"
import { reviewOptOutReason } from "./plan-review-request"

export interface ReviewEmail {
  to: string
  channel: string
  template: string
  idempotency_key: string
  data: Record<string, unknown>
}

export type ReviewSendDecision =
  | { action: "cancel"; reason: string }
  | { action: "skip"; reason: string }
  /** handed to the platform that sends review requests, through the outbox */
  | { action: "platform"; delivery: EnqueueDeliveryInput }
  | { action: "email"; email: ReviewEmail }

function names(order: ReviewOrder) {
  const sources = [order.customer, order.billing_address, order.shipping_address]
  return {
    first: sources.map((s) => s?.first_name).find((v) => !!v) ?? "",
    last: sources.map((s) => s?.last_name).find((v) => !!v) ?? "",
  }
}

/**
 * Decides, at send time, what happens to a due review request. Consent and cancellation are
 * read again now: a shopper who withdrew consent after the order was placed gets nothing.
 */
export function prepareReviewRequestSend(args: {
  reviewRequest: ReviewRequestToSend
  order: ReviewOrder | undefined
  consents: CurrentConsent[]
  options: ReviewRequestOptions
  storefront: StorefrontOptions
  /** the platform that sends review requests; none: the built-in email */
  reviewPlatform?: ReviewRequestCapability
  /** the signed one-click link that stops review requests, for the email */
  unsubscribeUrl?: string | null
}): ReviewSendDecision {
  const { reviewRequest, order, consents, options, storefront, reviewPlatform } = args
  if (!order || order.status === "canceled") {
    return { action: "cancel", reason: order ? "order canceled" : "order not found" }
  }
  const optOut = reviewOptOutReason(order, consents, options)
  if (optOut) {
    return { action: "skip", reason: optOut }
  }
  if (!order.email) {
    return { action: "skip", reason: "the order has no email address" }
  }
  const { first, last } = names(order)
  if (reviewPlatform) {
    const purchases = (reviewRequest.purchases ?? []) as unknown[]
    if (!purchases.length) {
      return { action: "skip", reason: reviewPlatform.no_purchases_reason }
    }
    return {
      action: "platform",
      delivery: {
        ...reviewPlatform.build({
          review_request_id: reviewRequest.id,
          order_id: reviewRequest.order_id,
          customer_id: reviewRequest.customer_id,
          email: order.email,
          first_name: first,
          last_name: last,
          ordered_at: order.created_at,
          purchases,
        }),
        origin: "review_request",
      },
    }
  }
  const seen = new Set<string>()
  const products = (order.items ?? [])
    .filter((item) => {
      const key = item.product_id ?? item.id
      return seen.has(key) ? false : (seen.add(key), true)
    })
    .map((item) => ({
      title: item.product_title ?? item.title,
      thumbnail: item.thumbnail ?? null,
      url: fillUrlPattern(storefront.product_url, { handle: item.product_handle, id: item.product_id }),
    }))
  return {
    action: "email",
    email: {
      to: order.email,
      channel: options.email_channel,
      template: options.email_template,
      idempotency_key: `review-request:${reviewRequest.id}:email`,
      data: {
        review_request_id: reviewRequest.id,
        order_id: order.id,
        order_display_id: order.display_id ?? null,
        customer_first_name: first,
        customer_last_name: last,
        products,
        unsubscribe_url: args.unsubscribeUrl ?? null,
      },
    },
  }
}
