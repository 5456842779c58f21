import { LOYALTY_CREDIT_REFERENCE as SERVER_CREDIT_REFERENCE } from "../workflows/loyalty/steps/prepare-cart-redemption"
import {
  CHECKOUT_CONSENTS_METADATA_KEY as SERVER_CONSENTS_KEY,
  checkoutConsentsFrom,
} from "../workflows/consents/utils/checkout-consents"
import { localStore } from "./__tests__/local-store"
import * as client from "./index"

describe("storefront client errors and helpers", () => {
  const store = localStore()
  const sdk = () => store.sdk()

  it("turns a validation answer into an error naming the field", async () => {
    store.answer(400, { type: "invalid_data", message: "points: must be a whole number" })
    const error = await client.applyCartPoints(sdk(), "cart_01", 1.5).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(client.EngagementStoreError)
    expect(error).toMatchObject({
      status: 400,
      type: "invalid_data",
      field: "points",
      message: "points: must be a whole number",
      platform: null,
    })
  })

  it.each([
    [401, "Unauthorized", "unauthorized", null],
    [404, "Cart id not found: cart_01", "not_found", null],
    [
      409,
      "loyalty: your contact is not on CRM.COM yet (or its session is being renewed); try again shortly",
      "conflict",
      "loyalty",
    ],
  ])("maps a %i to its type", async (status, message, type, field) => {
    store.answer(status, { type, message })
    const error = await client.getCartLoyalty(sdk(), "cart_01").catch((caught: unknown) => caught)
    expect(error).toMatchObject({ status, type, field, message })
  })

  it("keeps a 424's status and message through the SDK, which hands on nothing else of the answer", async () => {
    const body = {
      type: "platform_error",
      message: "Engage refused the store's key",
      platform: "Engage",
      failed: "promotions",
    }
    store.answer(424, body)
    const error = await client.listPromotions(sdk()).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ status: 424, type: "platform_unavailable", message: body.message, platform: null })
  })

  it("gives a 424's platform, what failed and when to retry when the fetch error carries the answer", async () => {
    const body = {
      type: "platform_unavailable",
      message: "promotions: Engage did not answer",
      platform: "Engage",
      failed: "promotions",
      retry_after: 30,
    }
    const fake = {
      client: { fetch: () => Promise.reject(Object.assign(new Error(body.message), { status: 424, body })) },
    }
    const error = await client.listPromotions(fake).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(client.EngagementStoreError)
    expect(error).toMatchObject({
      status: 424,
      type: "platform_unavailable",
      field: "promotions",
      platform: "Engage",
      failed: "promotions",
      retryAfter: 30,
    })
  })

  it("makes a network failure an error with status 0", async () => {
    const fake = { client: { fetch: () => Promise.reject(new TypeError("fetch failed")) } }
    const error = await client.getLoyalty(fake).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ status: 0, type: "unknown_error", message: "fetch failed", field: null })
  })

  it("tells a 202 of a platform that keeps the points from the route's answer", async () => {
    store.answer(202, { type: "accepted", message: "on its way", delivery: { id: "del_1", status: "pending" } })
    const answer = await client.claimReferral(sdk(), "ADA123")
    expect(client.isAccepted(answer)).toBe(true)
    expect(client.isAccepted({ referral: { id: "r", code: "ADA123", status: "claimed", refusal_reason: null } })).toBe(
      false
    )
  })

  it("uses the plugin's own credit line reference and consent metadata key", () => {
    expect(client.LOYALTY_CREDIT_REFERENCE).toBe(SERVER_CREDIT_REFERENCE)
    expect(client.CHECKOUT_CONSENTS_METADATA_KEY).toBe(SERVER_CONSENTS_KEY)
  })

  it("writes checkout consents the way the plugin reads them at order.placed, wording and version included", () => {
    const metadata = {
      [client.CHECKOUT_CONSENTS_METADATA_KEY]: client.checkoutConsentsMetadata([
        { purpose: "newsletter", granted: true, wording: "Email me offers", version: "2026-11" },
        { purpose: "sms_offers", granted: false, wording: "Text me offers" },
      ]),
    }
    expect(checkoutConsentsFrom(metadata, ["newsletter", "sms_offers"])).toEqual({
      consents: [
        { purpose: "newsletter", value: "True", wording: "[2026-11] Email me offers" },
        { purpose: "sms_offers", value: "False", wording: "Text me offers" },
      ],
      ignored: [],
    })
  })

  it("reads the plugin's credit line off a cart or an order, and nothing else's", () => {
    expect(
      client.loyaltyCreditOf({
        credit_lines: [
          { reference: "loyalty-points", amount: 5.5, metadata: { points: 550 } },
          { reference: "gift-card", amount: 10, metadata: null },
        ],
      })
    ).toEqual({ amount: 5.5, points: 550 })
    expect(client.loyaltyCreditOf({ credit_lines: [{ reference: "gift-card", amount: 10 }] })).toBeNull()
    expect(client.loyaltyCreditOf(null)).toBeNull()
  })
})
