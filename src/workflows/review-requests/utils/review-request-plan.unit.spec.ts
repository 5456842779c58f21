import { reviewRequestOptionsSchema } from "../../../modules/engagement/options"
import { storefrontOptionsSchema } from "../../../provider-api/storefront"
import type { ReviewOrder } from "./order-fields"
import { planReviewRequest, reviewLanguage } from "./plan-review-request"
import { prepareReviewRequestSend } from "./prepare-send"
import { RecensusProvider } from "../../../providers/recensus"
import { recensusDate } from "../../../providers/recensus/review-request"

const options = reviewRequestOptionsSchema.parse({ delay: "7d" })
const storefront = storefrontOptionsSchema.parse({ product_url: "https://shop.example/p/{handle}" })
// the review platform as the module hands it to the workflow: the provider's capability
const recensus = new RecensusProvider(
  {},
  { api_url: "https://recensus.example", merchant_id: "1", token: "t", shared_secret: "s" }
).capabilities().review_requests

const order = (overrides: Partial<ReviewOrder> = {}): ReviewOrder => ({
  id: "order_1",
  display_id: 7,
  email: "ada@example.com",
  customer_id: "cus_1",
  status: "pending",
  created_at: "2026-11-20T10:00:00.000Z",
  customer: { first_name: "Ada", last_name: "Lovelace", metadata: {} },
  items: [
    {
      id: "item_1",
      title: "M",
      product_title: "Trail Shoe",
      product_handle: "trail-shoe",
      product_id: "prod_1",
      variant_id: "var_1",
      quantity: 2,
      variant_barcode: "4006381333931",
    },
  ],
  ...overrides,
})

const consent = (purpose: string, value: "True" | "False" | "AwaitingConfirmation") => ({
  purpose,
  value,
  source: "storefront",
  recorded_at: new Date(),
})

describe("planReviewRequest", () => {
  it("schedules the request the configured delay after the order was placed", () => {
    const plan = planReviewRequest({ order: order(), options, consents: [], reviewPlatform: recensus })
    expect(plan).toEqual(
      expect.objectContaining({ status: "scheduled", trigger: "placed", send_at: new Date("2026-11-27T10:00:00.000Z") })
    )
    expect(plan.purchases).toEqual([
      expect.objectContaining({ gtin: "4006381333931", quantity: "2", title: "Trail Shoe" }),
    ])
  })

  it("waits for the trigger event when the clock starts at fulfilment", () => {
    const plan = planReviewRequest({
      order: order(),
      options: { ...options, trigger: "fulfilled" },
      consents: [],
      reviewPlatform: recensus,
    })
    expect(plan).toEqual(expect.objectContaining({ status: "scheduled", trigger: "fulfilled", send_at: null }))
  })

  it("skips a shopper who opted out, by the ledger or the interim metadata flag", () => {
    const byLedger = planReviewRequest({
      order: order(),
      options,
      consents: [consent("review_requests", "False")],
      reviewPlatform: undefined,
    })
    expect(byLedger).toEqual(
      expect.objectContaining({ status: "skipped", reason: expect.stringContaining("review_requests") })
    )

    const byFallback = planReviewRequest({
      order: order(),
      options,
      consents: [consent("email_marketing", "False")],
      reviewPlatform: undefined,
    })
    expect(byFallback.status).toBe("skipped")

    const byFlag = planReviewRequest({
      order: order({ customer: { metadata: { engagement_review_requests_opt_out: true } } }),
      options,
      consents: [],
      reviewPlatform: undefined,
    })
    expect(byFlag).toEqual(expect.objectContaining({ status: "skipped", reason: expect.stringContaining("opted out") }))

    const consented = planReviewRequest({
      order: order(),
      options,
      consents: [consent("review_requests", "True")],
      reviewPlatform: undefined,
    })
    expect(consented.status).toBe("scheduled")
  })

  it("skips an order with nothing Recensus can identify, keeping the reasons", () => {
    const plan = planReviewRequest({
      order: order({ items: [{ id: "i", title: "Gift card", variant_id: "v", quantity: 1 }] }),
      options,
      consents: [],
      reviewPlatform: recensus,
    })
    expect(plan.status).toBe("skipped")
    expect(plan.excluded_items).toEqual([expect.objectContaining({ line_item_ids: ["i"] })])
  })

  it("reads the language from customer or order metadata", () => {
    expect(reviewLanguage(order({ customer: { metadata: { language: "de-DE" } } }), options)).toBe("de")
    expect(reviewLanguage(order({ metadata: { language: "FR" } }), options)).toBe("fr")
    expect(reviewLanguage(order(), options)).toBe("en")
  })
})

describe("prepareReviewRequestSend", () => {
  const reviewRequest = {
    id: "engrr_1",
    order_id: "order_1",
    customer_id: "cus_1",
    purchases: [
      { quantity: "2", gtin: "4006381333931", mpn: "", brand: "", lang: "en", title: "Trail Shoe", type: "P" },
    ],
  }

  it("builds the Recensus CCR data with a purchase date that carries an offset", () => {
    const decision = prepareReviewRequestSend({
      reviewRequest,
      order: order(),
      consents: [],
      options,
      storefront,
      reviewPlatform: recensus,
    })
    expect(decision.action).toBe("platform")
    expect(decision.action === "platform" && decision.delivery).toEqual(
      expect.objectContaining({
        platform: "recensus",
        idempotency_key: "review-request:engrr_1:recensus",
        subject_id: "engrr_1",
        payload: {
          data: {
            customerFirstName: "Ada",
            customerLastName: "Lovelace",
            customerEmail: "ada@example.com",
            purchaseDate: "2026-11-20T10:00:00+00:00",
            purchases: reviewRequest.purchases,
          },
        },
      })
    )
  })

  it("emails through Medusa with product links when Recensus is off", () => {
    const decision = prepareReviewRequestSend({
      reviewRequest,
      order: order(),
      consents: [],
      options,
      storefront,
      reviewPlatform: undefined,
    })
    expect(decision).toEqual({
      action: "email",
      email: expect.objectContaining({
        to: "ada@example.com",
        channel: "email",
        template: "engagement-review-request",
        idempotency_key: "review-request:engrr_1:email",
        data: expect.objectContaining({
          products: [{ title: "Trail Shoe", thumbnail: null, url: "https://shop.example/p/trail-shoe" }],
        }),
      }),
    })
  })

  it("cancels for a canceled order and skips when consent was withdrawn since scheduling", () => {
    expect(
      prepareReviewRequestSend({
        reviewRequest,
        order: order({ status: "canceled" }),
        consents: [],
        options,
        storefront,
        reviewPlatform: recensus,
      }).action
    ).toBe("cancel")
    expect(
      prepareReviewRequestSend({
        reviewRequest,
        order: order(),
        consents: [consent("review_requests", "False")],
        options,
        storefront,
        reviewPlatform: recensus,
      }).action
    ).toBe("skip")
  })

  it("formats dates as ISO 8601 with an offset", () => {
    expect(recensusDate(new Date("2012-12-12T16:00:00Z"))).toBe("2012-12-12T16:00:00+00:00")
  })
})
