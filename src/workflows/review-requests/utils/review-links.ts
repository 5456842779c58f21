import type { ResolvedEngagementOptions } from "../../../modules/engagement/options"
import { signReviewLinkToken } from "../../../modules/engagement/consents/review-link-token"
import type { ExcludedReviewItem as ExcludedItem } from "../../../provider-api/capabilities"
import { fillUrlPattern } from "../../../utils/url-pattern"
import type { ReviewOrder } from "./order-fields"
import type { ReviewEmail, ReviewSendDecision } from "./prepare-send"
import { customerKeyOf, productIdsOf, ReviewSendPlan } from "./send-time"

/** The order's lines as the email lists its products: one per product, in order. */
function emailedItems(order: ReviewOrder) {
  const seen = new Set<string>()
  return (order.items ?? []).filter((item) => {
    const key = item.product_id ?? item.id
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

/**
 * Gives each product of a review email its tracked link (`review_url`): a link the plugin signed,
 * which records the click (stopping the reminders) and leads to the product's review form.
 */
export function withTrackedReviewLinks(
  email: ReviewEmail,
  order: ReviewOrder,
  args: { review_request_id: string; round: number; options: ResolvedEngagementOptions; now?: number }
): ReviewEmail {
  const { reminders } = args.options.review_requests
  const items = emailedItems(order)
  const products = ((email.data.products ?? []) as Record<string, unknown>[]).map((product, index) => {
    const item = items[index]
    if (!item?.product_id) {
      return product
    }
    const token = signReviewLinkToken(
      {
        review_request_id: args.review_request_id,
        product_id: item.product_id,
        handle: item.product_handle ?? "",
        round: args.round,
        ttl_ms: reminders.link_ttl,
      },
      args.options.consents.link_secret,
      args.now
    )
    return { ...product, review_url: fillUrlPattern(reminders.link_url, { token }) }
  })
  return {
    ...email,
    data: {
      ...email.data,
      products,
      review_url: products.find((p) => p.review_url)?.review_url ?? null,
      reminder: args.round,
    },
  }
}

/** The first send's plan: the decision with what the exclusions left out, the contact to record, and the first reminder. */
export function finishReviewSendPlan(
  decision: ReviewSendDecision,
  scope: {
    reviewRequest: { id: string; customer_id: string | null; email: string | null; purchases: unknown }
    order?: ReviewOrder
    excluded: ExcludedItem[]
  },
  options: ResolvedEngagementOptions,
  now = Date.now()
): ReviewSendPlan {
  const narrowed = scope.excluded.length
    ? { excluded_items: scope.excluded, purchases: scope.reviewRequest.purchases }
    : {}
  if ((decision.action !== "email" && decision.action !== "platform") || !scope.order) {
    return { ...decision, ...narrowed }
  }
  const customerKey = customerKeyOf(scope.reviewRequest)
  const contact = customerKey
    ? {
        review_request_id: scope.reviewRequest.id,
        customer_key: customerKey,
        round: 0,
        channel: decision.action === "email" ? "email" : decision.delivery.platform,
        product_ids: productIdsOf(scope.order),
      }
    : null
  if (decision.action !== "email") {
    return { ...decision, ...narrowed, contact }
  }
  const { reminders } = options.review_requests
  return {
    ...decision,
    ...narrowed,
    contact,
    email: withTrackedReviewLinks(decision.email, scope.order, {
      review_request_id: scope.reviewRequest.id,
      round: 0,
      options,
      now,
    }),
    next_reminder_at: reminders.count > 0 ? new Date(now + reminders.intervals[0]) : null,
  }
}
