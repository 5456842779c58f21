import type { ReviewRequestOptions } from "../../../modules/engagement/options"
import type { ReviewOrder, ReviewOrderItem } from "./order-fields"

/** The product metadata key of a product's own delay ("10d", "12h", or a whole number of days). */
export const PRODUCT_DELAY_METADATA_KEY = "engagement_review_delay"

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 }

/** A delay typed into product metadata, in milliseconds; null when there is none or it is not one. */
export function metadataDelayMs(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) {
    return value * UNITS.d
  }
  if (typeof value !== "string") {
    return null
  }
  const match = /^(\d{1,5})\s*(m|h|d)?$/.exec(value.trim())
  return match ? Number(match[1]) * UNITS[match[2] ?? "d"] : null
}

/**
 * How long after the trigger one line's product is asked about: the product's metadata
 * `engagement_review_delay`, else the longest delay of its categories in `category_delays`
 * (by id or handle), else the default `delay`.
 */
export function lineDelayMs(item: ReviewOrderItem, options: ReviewRequestOptions): number {
  const own = metadataDelayMs(item.product?.metadata?.[PRODUCT_DELAY_METADATA_KEY])
  if (own !== null) {
    return own
  }
  const byCategory = (item.product?.categories ?? [])
    .map(
      (category) =>
        options.category_delays[category.id] ?? (category.handle ? options.category_delays[category.handle] : undefined)
    )
    .filter((delay): delay is number => typeof delay === "number")
  return byCategory.length ? Math.max(...byCategory) : options.delay
}

/**
 * The order's delay: one request per order (the Customer Contact Request carries all its
 * purchases with one purchase date), sent when its latest line is due.
 */
export function reviewDelayMs(order: ReviewOrder, options: ReviewRequestOptions): number {
  const delays = (order.items ?? []).map((item) => lineDelayMs(item, options))
  return delays.length ? Math.max(...delays) : options.delay
}
