import type { CurrentConsent } from "../../../modules/engagement/consents/queries"
import type { ResolvedEngagementOptions } from "../../../modules/engagement/options"
import type { ReviewRequestRecord } from "../../../modules/engagement/types"
import { applyReviewExclusions, ReviewHistory } from "./exclusions"
import type { ReviewOrder } from "./order-fields"
import { reviewOptOutReason } from "./plan-review-request"
import { prepareReviewRequestSend, ReviewEmail } from "./prepare-send"
import { withTrackedReviewLinks } from "./review-links"
import { customerKeyOf, productIdsOf, ReviewContactInput } from "./send-time"

export type ReviewReminderPlan =
  | { action: "none" }
  | { action: "stop"; reason: string }
  | { action: "wait"; until: Date | string }
  | {
      action: "email"
      round: number
      email: ReviewEmail
      contact: ReviewContactInput | null
      next_reminder_at: Date | string | null
    }

/**
 * Decides, when a reminder is due, whether it goes out. A followed review link, a withdrawn
 * consent (an unsubscribe), a canceled order or lines that all came back stop the reminders; a
 * shopper at the cap (the first email and earlier reminders count) waits, or gets no more.
 */
export function planReviewReminder(args: {
  reviewRequest: ReviewRequestRecord
  order: ReviewOrder | undefined
  consents: CurrentConsent[]
  history: ReviewHistory
  options: ResolvedEngagementOptions
  unsubscribeUrl: string | null
  now?: Date
}): ReviewReminderPlan {
  const { reviewRequest: request, order, consents, options } = args
  const now = args.now ?? new Date()
  const { reminders } = options.review_requests
  if (request.status !== "sent" || request.channel !== "email" || !request.next_reminder_at) {
    return { action: "none" }
  }
  if (new Date(request.next_reminder_at).getTime() > now.getTime()) {
    return { action: "none" }
  }
  if (request.clicked_at) {
    return { action: "stop", reason: "reminders stopped: a review link was followed" }
  }
  if (request.reminders_sent >= reminders.count) {
    return { action: "stop", reason: "reminders stopped: all reminders sent" }
  }
  if (!order || order.status === "canceled" || !order.email) {
    return {
      action: "stop",
      reason: `reminders stopped: ${order ? (order.email ? "order canceled" : "no email") : "order not found"}`,
    }
  }
  const optOut = reviewOptOutReason(order, consents, options.review_requests)
  if (optOut) {
    return { action: "stop", reason: `reminders stopped: ${optOut}` }
  }
  const outcome = applyReviewExclusions({ order, options: options.review_requests, history: args.history, now })
  if (outcome.action === "skip") {
    return { action: "stop", reason: `reminders stopped: ${outcome.reason}` }
  }
  if (outcome.action === "wait") {
    if (options.review_requests.exclusions.over_cap === "skip") {
      return { action: "stop", reason: `reminders stopped: ${outcome.reason}` }
    }
    return { action: "wait", until: outcome.until }
  }
  const decision = prepareReviewRequestSend({
    reviewRequest: request,
    order: outcome.order,
    consents,
    options: options.review_requests,
    storefront: options.storefront,
    // reminders exist only on the email path
    reviewPlatform: undefined,
    unsubscribeUrl: args.unsubscribeUrl,
  })
  if (decision.action !== "email") {
    return { action: "stop", reason: `reminders stopped: ${"reason" in decision ? decision.reason : decision.action}` }
  }
  const round = request.reminders_sent + 1
  const customerKey = customerKeyOf(request)
  const email = withTrackedReviewLinks(
    { ...decision.email, idempotency_key: `review-request:${request.id}:reminder:${round}` },
    outcome.order,
    { review_request_id: request.id, round, options, now: now.getTime() }
  )
  const next = round < reminders.count ? reminders.intervals[Math.min(round, reminders.intervals.length - 1)] : null
  return {
    action: "email",
    round,
    email,
    contact: customerKey
      ? {
          review_request_id: request.id,
          customer_key: customerKey,
          round,
          channel: "email",
          product_ids: productIdsOf(outcome.order),
        }
      : null,
    next_reminder_at: next === null ? null : new Date(now.getTime() + next),
  }
}
