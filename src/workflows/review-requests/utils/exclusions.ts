import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import type { ReviewRequestOptions } from "../../../modules/engagement/options"
import type { ExcludedReviewItem as ExcludedItem } from "../../../provider-api/capabilities"
import { toMinorUnits } from "../../../utils/money"
import type { ReviewOrder, ReviewOrderItem } from "./order-fields"

/** What the shopper has been sent before: read at the send time, this request's own rows left out. */
export interface ReviewHistory {
  /** products asked about for this shopper within `repeat_product_months` */
  askedProductIds: string[]
  /** when each review email (request or reminder) went to this shopper within `cap_window` */
  recentSends: (Date | string)[]
}

export type ExclusionOutcome =
  | { action: "skip"; reason: string; excluded: ExcludedItem[] }
  | { action: "wait"; until: Date; reason: string }
  | { action: "keep"; order: ReviewOrder; excluded: ExcludedItem[] }

const quantity = (value: BigNumberInput | null | undefined) => (value == null ? 0 : MathBN.convert(value).toNumber())

/** The email's domain is one of `domains` or below one ("shop.test" is below "test"). */
export function isTestEmail(email: string, domains: string[]): string | null {
  const domain = email.split("@").pop()?.trim().toLowerCase() ?? ""
  const match = domains
    .map((d) => d.toLowerCase().replace(/^\.+/, ""))
    .find((d) => domain === d || domain.endsWith(`.${d}`))
  return match ?? null
}

/** The order's payments were refunded in full: nothing in it is the shopper's any more. */
function fullyRefunded(order: ReviewOrder): boolean {
  const summary = order.summary?.totals ?? order.summary
  const paid = quantity(summary?.paid_total)
  return paid > 0 && quantity(summary?.refunded_total) >= paid
}

function lineExclusion(
  item: ReviewOrderItem,
  options: ReviewRequestOptions,
  asked: Set<string>,
  refunded: boolean
): string | null {
  const rules = options.exclusions
  if (rules.returned_items) {
    if (refunded) {
      return "refunded before the send time"
    }
    const detail = item.detail ?? item
    const back =
      quantity(detail.return_requested_quantity) +
      quantity(detail.return_received_quantity) +
      quantity(detail.written_off_quantity)
    if (back >= quantity(item.quantity)) {
      return "returned before the send time"
    }
  }
  const flag = item.product?.metadata?.[rules.product_metadata_key]
  if (flag === true || flag === "true") {
    return `product excluded (metadata ${rules.product_metadata_key})`
  }
  const category = (item.product?.categories ?? []).find(
    (c) => rules.categories.includes(c.id) || (!!c.handle && rules.categories.includes(c.handle))
  )
  if (category) {
    return `category excluded (${category.handle ?? category.id})`
  }
  if (rules.repeat_product_months > 0 && item.product_id && asked.has(item.product_id)) {
    return `already asked about within ${rules.repeat_product_months} months`
  }
  return null
}

/**
 * Decides, at the send time, what of the order is asked about: a test order or one below the
 * minimum total is skipped; returned, excluded and recently asked-about lines are left out (none
 * left: skipped); a shopper at the cap waits until under it again, or is skipped.
 */
export function applyReviewExclusions(args: {
  order: ReviewOrder
  options: ReviewRequestOptions
  history: ReviewHistory
  now?: Date
}): ExclusionOutcome {
  const { order, options, history } = args
  const now = args.now ?? new Date()
  const rules = options.exclusions
  const testDomain = order.email ? isTestEmail(order.email, rules.test_email_domains) : null
  if (testDomain) {
    return { action: "skip", reason: `test order (email domain ${testDomain})`, excluded: [] }
  }
  const currency = order.currency_code?.toLowerCase()
  const minimum = currency ? rules.min_order_total[currency] : undefined
  if (minimum !== undefined && order.total != null && toMinorUnits(order.total, currency!) < minimum) {
    return {
      action: "skip",
      reason: `order total below the minimum of ${minimum} ${currency} minor units`,
      excluded: [],
    }
  }

  const asked = new Set(history.askedProductIds)
  const refunded = rules.returned_items && fullyRefunded(order)
  const kept: ReviewOrderItem[] = []
  const excluded: ExcludedItem[] = []
  for (const item of order.items ?? []) {
    const reason = lineExclusion(item, options, asked, refunded)
    if (reason) {
      excluded.push({ line_item_ids: [item.id], title: item.product_title ?? item.title, reason })
    } else {
      kept.push(item)
    }
  }
  if (!kept.length) {
    const reasons = [...new Set(excluded.map((item) => item.reason))].join("; ")
    return { action: "skip", reason: `no line left to ask about (${reasons || "no lines"})`, excluded }
  }

  const max = rules.max_per_customer
  if (max > 0 && history.recentSends.length >= max) {
    const days = Math.round(rules.cap_window / 86_400_000)
    const reason = `cap reached: ${history.recentSends.length} review emails to this shopper in the last ${days} days (at most ${max})`
    if (rules.over_cap === "skip") {
      return { action: "skip", reason, excluded }
    }
    const sorted = history.recentSends.map((sent) => new Date(sent).getTime()).sort((a, b) => a - b)
    const until = new Date(Math.max(sorted[sorted.length - max] + rules.cap_window, now.getTime()) + 1000)
    return { action: "wait", until, reason: `${reason}; waits until ${until.toISOString()}` }
  }
  return { action: "keep", order: { ...order, items: kept }, excluded }
}
