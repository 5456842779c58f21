import { reviewRequestOptionsSchema } from "../../../modules/engagement/options"
import { applyReviewExclusions, isTestEmail } from "./exclusions"
import type { ReviewOrder, ReviewOrderItem } from "./order-fields"
import { lineDelayMs, metadataDelayMs, reviewDelayMs } from "./timing"

const options = (overrides: Record<string, unknown> = {}) => reviewRequestOptionsSchema.parse(overrides)
const DAY = 86_400_000

const item = (id: string, extra: Partial<ReviewOrderItem> = {}): ReviewOrderItem => ({
  id,
  title: `Item ${id}`,
  product_id: `prod_${id}`,
  quantity: 1,
  ...extra,
})

const order = (items: ReviewOrderItem[], extra: Partial<ReviewOrder> = {}): ReviewOrder => ({
  id: "order_1",
  email: "ada@shop.com",
  status: "pending",
  created_at: new Date("2026-01-01T00:00:00Z"),
  total: 20,
  currency_code: "eur",
  items,
  ...extra,
})

const none = { askedProductIds: [], recentSends: [] }

describe("review-request exclusions", () => {
  it("leaves out a returned line and skips an order with nothing left, saying why", () => {
    const kept = applyReviewExclusions({
      order: order([item("a", { quantity: 2, return_received_quantity: 2 }), item("b")]),
      options: options(),
      history: none,
    })
    expect(kept).toEqual(
      expect.objectContaining({
        action: "keep",
        excluded: [{ line_item_ids: ["a"], title: "Item a", reason: "returned before the send time" }],
      })
    )
    const skipped = applyReviewExclusions({
      order: order([item("a", { return_requested_quantity: 1 })]),
      options: options(),
      history: none,
    })
    expect(skipped).toEqual(expect.objectContaining({ action: "skip", reason: expect.stringContaining("returned") }))
  })

  it("leaves every line out of an order refunded in full", () => {
    const refunded = applyReviewExclusions({
      order: order([item("a")], { summary: { totals: { paid_total: 24.94, refunded_total: 24.94 } } }),
      options: options(),
      history: none,
    })
    expect(refunded).toEqual(
      expect.objectContaining({ action: "skip", reason: expect.stringContaining("refunded before the send time") })
    )
    const partly = applyReviewExclusions({
      order: order([item("a")], { summary: { paid_total: 24.94, refunded_total: 4.95 } }),
      options: options(),
      history: none,
    })
    expect(partly.action).toBe("keep")
  })

  it("leaves out products asked about within the repeat window, flagged products and excluded categories", () => {
    const outcome = applyReviewExclusions({
      order: order([
        item("a"),
        item("b", { product: { metadata: { engagement_review_exclude: true } } }),
        item("c", { product: { categories: [{ id: "pcat_1", handle: "gift-cards" }] } }),
        item("d"),
      ]),
      options: options({ exclusions: { categories: ["gift-cards"] } }),
      history: { askedProductIds: ["prod_a"], recentSends: [] },
    })
    expect(outcome.action).toBe("keep")
    if (outcome.action === "keep") {
      expect(outcome.order.items!.map((i) => i.id)).toEqual(["d"])
      expect(outcome.excluded.map((e) => e.reason)).toEqual([
        "already asked about within 12 months",
        "product excluded (metadata engagement_review_exclude)",
        "category excluded (gift-cards)",
      ])
    }
  })

  it("skips test orders and orders below the minimum total, in minor units", () => {
    expect(isTestEmail("qa@orders.test", ["test"])).toBe("test")
    expect(isTestEmail("ada@example.com", ["test", "example"])).toBeNull()
    const test = applyReviewExclusions({
      order: order([item("a")], { email: "qa@orders.test" }),
      options: options(),
      history: none,
    })
    expect(test).toEqual(expect.objectContaining({ action: "skip", reason: "test order (email domain test)" }))
    const small = applyReviewExclusions({
      order: order([item("a")], { total: 14.99 }),
      options: options({ exclusions: { min_order_total: { eur: 1500 } } }),
      history: none,
    })
    expect(small).toEqual(expect.objectContaining({ action: "skip", reason: expect.stringContaining("1500 eur") }))
    const enough = applyReviewExclusions({
      order: order([item("a")], { total: 15 }),
      options: options({ exclusions: { min_order_total: { eur: 1500 } } }),
      history: none,
    })
    expect(enough.action).toBe("keep")
  })

  it("makes a shopper at the cap wait until the oldest email leaves the window, or skips when configured", () => {
    const now = new Date("2026-03-01T00:00:00Z")
    const sends = [new Date(now.getTime() - 20 * DAY), new Date(now.getTime() - 5 * DAY)]
    const wait = applyReviewExclusions({
      order: order([item("a")]),
      options: options(),
      history: { askedProductIds: [], recentSends: sends },
      now,
    })
    expect(wait.action).toBe("wait")
    if (wait.action === "wait") {
      expect(wait.until.getTime()).toBe(sends[0].getTime() + 30 * DAY + 1000)
    }
    const skip = applyReviewExclusions({
      order: order([item("a")]),
      options: options({ exclusions: { over_cap: "skip" } }),
      history: { askedProductIds: [], recentSends: sends },
      now,
    })
    expect(skip).toEqual(expect.objectContaining({ action: "skip", reason: expect.stringContaining("cap reached") }))
  })
})

describe("review-request timing", () => {
  it("takes the product's delay, then its category's, then the default; an order waits for its latest line", () => {
    const opts = options({ delay: "7d", category_delays: { mattresses: "60d" } })
    expect(metadataDelayMs("10d")).toBe(10 * DAY)
    expect(metadataDelayMs("12")).toBe(12 * DAY)
    expect(metadataDelayMs("soon")).toBeNull()
    const candle = item("a", { product: { metadata: { engagement_review_delay: "10d" } } })
    const mattress = item("b", { product: { categories: [{ id: "pcat_m", handle: "mattresses" }] } })
    expect(lineDelayMs(candle, opts)).toBe(10 * DAY)
    expect(lineDelayMs(mattress, opts)).toBe(60 * DAY)
    expect(lineDelayMs(item("c"), opts)).toBe(7 * DAY)
    expect(reviewDelayMs(order([candle, mattress]), opts)).toBe(60 * DAY)
  })
})
