import type EngagementModuleService from "../../../modules/engagement/service"
import type { ReviewRequestOptions } from "../../../modules/engagement/options"
import type { CurrentConsent } from "../../../modules/engagement/consents/queries"
import type { ReviewRequestCapability } from "../../../provider-api/capabilities"
import type { ReviewRequestRecord } from "../../../modules/engagement/types"
import type { ExcludedReviewItem as ExcludedItem } from "../../../provider-api/capabilities"
import { applyReviewExclusions, ReviewHistory } from "./exclusions"
import type { ReviewOrder } from "./order-fields"
import { planReviewRequest, reviewOptOutReason } from "./plan-review-request"
import type { ReviewSendDecision } from "./prepare-send"

const MONTH_MS = 30 * 86_400_000

/** One review email (or platform request) to record: round 0 the request, 1–3 its reminders. */
export interface ReviewContactInput {
  review_request_id: string
  customer_key: string
  round: number
  channel: string
  product_ids: string[]
}

/** What the send workflow does with a due request, with what the exclusions decided. */
export type ReviewSendPlan = (ReviewSendDecision | { action: "wait"; until: Date | string; reason: string }) & {
  excluded_items?: ExcludedItem[]
  purchases?: unknown
  contact?: ReviewContactInput | null
  next_reminder_at?: Date | string | null
}

/** Who the cap and the repeat rule count for: the customer, else the order's email. */
export function customerKeyOf(request: { customer_id?: string | null; email?: string | null }): string | null {
  return request.customer_id ?? request.email?.trim().toLowerCase() ?? null
}

/** The shopper's earlier review emails, read now; rows of `ownRequestId` count only when asked to. */
export async function reviewHistoryOf(
  engagement: EngagementModuleService,
  args: {
    customer_key: string | null
    own_request_id: string
    count_own: boolean
    options: ReviewRequestOptions
    now?: Date
  }
): Promise<ReviewHistory> {
  if (!args.customer_key) {
    return { askedProductIds: [], recentSends: [] }
  }
  const now = (args.now ?? new Date()).getTime()
  const rules = args.options.exclusions
  const repeatFrom = now - rules.repeat_product_months * MONTH_MS
  const capFrom = now - rules.cap_window
  const rows = await engagement.listReviewContacts({
    customer_key: args.customer_key,
    sent_at: { $gte: new Date(Math.min(repeatFrom, capFrom)) },
  })
  const others = rows.filter((row) => row.review_request_id !== args.own_request_id)
  return {
    askedProductIds: others
      .filter((row) => row.round === 0 && new Date(row.sent_at).getTime() >= repeatFrom)
      .flatMap((row) => (Array.isArray(row.product_ids) ? (row.product_ids as string[]) : [])),
    recentSends: (args.count_own ? rows : others)
      .filter((row) => new Date(row.sent_at).getTime() >= capFrom)
      .map((row) => row.sent_at),
  }
}

export function productIdsOf(order: ReviewOrder): string[] {
  return [...new Set((order.items ?? []).map((item) => item.product_id).filter((id): id is string => !!id))]
}

/**
 * The exclusions at the send time: either a plan that ends here (skip, wait), or the request and
 * order narrowed to the lines still asked about. A canceled order or a withdrawn consent is left
 * to the send decision, which ends those first.
 */
export async function scopeReviewRequestSend(args: {
  engagement: EngagementModuleService
  reviewRequest: ReviewRequestRecord
  order: ReviewOrder | undefined
  consents: CurrentConsent[]
  reviewPlatform?: ReviewRequestCapability
}): Promise<
  | { stop: ReviewSendPlan }
  | { stop?: undefined; reviewRequest: ReviewRequestRecord; order: ReviewOrder | undefined; excluded: ExcludedItem[] }
> {
  const { engagement, reviewRequest, order, consents } = args
  const options = (await engagement.effectiveOptions()).review_requests
  if (!order || order.status === "canceled" || !order.email || reviewOptOutReason(order, consents, options)) {
    return { reviewRequest, order, excluded: [] }
  }
  const history = await reviewHistoryOf(engagement, {
    customer_key: customerKeyOf(reviewRequest),
    own_request_id: reviewRequest.id,
    count_own: false,
    options,
  })
  const outcome = applyReviewExclusions({ order, options, history })
  const earlier = (reviewRequest.excluded_items ?? []) as ExcludedItem[]
  const known = new Set(earlier.flatMap((item) => item.line_item_ids))
  const merged = (excluded: ExcludedItem[]) => [
    ...earlier,
    ...excluded.filter((item) => !item.line_item_ids.some((id) => known.has(id))),
  ]
  if (outcome.action === "wait") {
    return { stop: { action: "wait", until: outcome.until, reason: outcome.reason } }
  }
  if (outcome.action === "skip") {
    return { stop: { action: "skip", reason: outcome.reason, excluded_items: merged(outcome.excluded) } }
  }
  if (!outcome.excluded.length) {
    return { reviewRequest, order, excluded: [] }
  }
  // the purchases of the lines still asked about, mapped as at the order time
  const replanned = planReviewRequest({ order: outcome.order, options, consents, reviewPlatform: args.reviewPlatform })
  return {
    reviewRequest: { ...reviewRequest, purchases: replanned.purchases ?? [] },
    order: outcome.order,
    excluded: merged(outcome.excluded),
  }
}
