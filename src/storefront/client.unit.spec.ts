import type Medusa from "@medusajs/js-sdk"
import { localStore, type Seen } from "./__tests__/local-store"
import * as client from "./index"

describe("storefront client", () => {
  const store = localStore()
  const sdk = () => store.sdk()

  const options = { headers: { authorization: "Bearer shopper-token" } }
  const calls: [string, (sdk: Medusa) => Promise<unknown>, Omit<Seen, "headers">][] = [
    [
      "getProfile",
      (s) => client.getProfile(s, options),
      { method: "GET", path: "/store/engagement/profile", query: {}, body: undefined },
    ],
    [
      "updateProfile",
      (s) => client.updateProfile(s, { first_name: "Ada" }, options),
      { method: "POST", path: "/store/engagement/profile", query: {}, body: { first_name: "Ada" } },
    ],
    [
      "listConsents",
      (s) => client.listConsents(s, options),
      { method: "GET", path: "/store/engagement/consents", query: {}, body: undefined },
    ],
    [
      "updateConsents",
      (s) => client.updateConsents(s, [{ purpose: "newsletter", value: "True", wording: "v2" }], options),
      {
        method: "POST",
        path: "/store/engagement/consents",
        query: {},
        body: { consents: [{ purpose: "newsletter", value: "True", wording: "v2" }] },
      },
    ],
    [
      "confirmConsent",
      (s) => client.confirmConsent(s, "tok.en", options),
      { method: "POST", path: "/store/engagement/consents/confirm", query: {}, body: { token: "tok.en" } },
    ],
    [
      "describeUnsubscribeLink",
      (s) => client.describeUnsubscribeLink(s, "tok.en", options),
      { method: "GET", path: "/store/engagement/unsubscribe", query: { token: "tok.en" }, body: undefined },
    ],
    [
      "unsubscribe",
      (s) => client.unsubscribe(s, "tok.en", options),
      { method: "POST", path: "/store/engagement/unsubscribe", query: {}, body: { token: "tok.en" } },
    ],
    [
      "getLoyalty",
      (s) => client.getLoyalty(s, options),
      { method: "GET", path: "/store/engagement/loyalty", query: {}, body: undefined },
    ],
    [
      "listLoyaltyTransactions",
      (s) => client.listLoyaltyTransactions(s, { type: "earn", limit: 5, offset: 10 }, options),
      {
        method: "GET",
        path: "/store/engagement/loyalty/transactions",
        query: { type: "earn", limit: "5", offset: "10" },
        body: undefined,
      },
    ],
    [
      "getLoyaltyPreferences",
      (s) => client.getLoyaltyPreferences(s, options),
      { method: "GET", path: "/store/engagement/loyalty/preferences", query: {}, body: undefined },
    ],
    [
      "setLoyaltyPreferences",
      (s) => client.setLoyaltyPreferences(s, { auto_spend: { enabled: true, minimum_points: 100 } }, options),
      {
        method: "POST",
        path: "/store/engagement/loyalty/preferences",
        query: {},
        body: { auto_spend: { enabled: true, minimum_points: 100 } },
      },
    ],
    [
      "getCartLoyalty",
      (s) => client.getCartLoyalty(s, "cart_01", options),
      { method: "GET", path: "/store/carts/cart_01/loyalty-points", query: {}, body: undefined },
    ],
    [
      "applyCartPoints",
      (s) => client.applyCartPoints(s, "cart_01", 550, options),
      { method: "POST", path: "/store/carts/cart_01/loyalty-points", query: {}, body: { points: 550 } },
    ],
    [
      "removeCartPoints",
      (s) => client.removeCartPoints(s, "cart_01", options),
      { method: "DELETE", path: "/store/carts/cart_01/loyalty-points", query: {}, body: undefined },
    ],
    [
      "getReferral",
      (s) => client.getReferral(s, options),
      { method: "GET", path: "/store/engagement/referral", query: {}, body: undefined },
    ],
    [
      "claimReferral",
      (s) => client.claimReferral(s, "ADA123", options),
      { method: "POST", path: "/store/engagement/referral/claim", query: {}, body: { code: "ADA123" } },
    ],
    [
      "sendReferralInvitations",
      (s) => client.sendReferralInvitations(s, ["a@example.com", "b@example.com"], options),
      {
        method: "POST",
        path: "/store/engagement/referral/invitations",
        query: {},
        body: { emails: ["a@example.com", "b@example.com"] },
      },
    ],
    [
      "listRewardSchemes",
      (s) => client.listRewardSchemes(s, options),
      { method: "GET", path: "/store/engagement/reward-schemes", query: {}, body: undefined },
    ],
    [
      "signUpForRewardScheme (open)",
      (s) => client.signUpForRewardScheme(s, "rws_1", undefined, options),
      { method: "POST", path: "/store/engagement/reward-schemes/rws_1/sign-up", query: {}, body: {} },
    ],
    [
      "signUpForRewardScheme (closed loop)",
      (s) => client.signUpForRewardScheme(s, "rws_1", "ada@uni.example", options),
      {
        method: "POST",
        path: "/store/engagement/reward-schemes/rws_1/sign-up",
        query: {},
        body: { email: "ada@uni.example" },
      },
    ],
    [
      "verifyRewardScheme",
      (s) => client.verifyRewardScheme(s, "rws_1", "123456", options),
      { method: "POST", path: "/store/engagement/reward-schemes/rws_1/verify", query: {}, body: { code: "123456" } },
    ],
    [
      "signOutOfRewardScheme",
      (s) => client.signOutOfRewardScheme(s, "rws_1", options),
      { method: "POST", path: "/store/engagement/reward-schemes/rws_1/sign-out", query: {}, body: {} },
    ],
    [
      "listPromotions",
      (s) => client.listPromotions(s, { type: "ECOM" }, options),
      { method: "GET", path: "/store/engagement/promotions", query: { type: "ECOM" }, body: undefined },
    ],
    [
      "listPurchases",
      (s) => client.listPurchases(s, { limit: 20 }, options),
      { method: "GET", path: "/store/engagement/purchases", query: { limit: "20" }, body: undefined },
    ],
    [
      "setCheckoutConsents",
      (s) =>
        client.setCheckoutConsents(
          s,
          { id: "cart_01", metadata: { gift: "yes" } },
          [{ purpose: "newsletter", granted: true, wording: "Send me news", version: "v3" }],
          options
        ),
      {
        method: "POST",
        path: "/store/carts/cart_01",
        query: {},
        body: {
          metadata: {
            gift: "yes",
            engagement_consents: { newsletter: { value: "True", wording: "[v3] Send me news" } },
          },
        },
      },
    ],
  ]

  it.each(calls)(
    "%s sends its method, path, query and body with the SDK's and the caller's headers",
    async (_name, run, expected) => {
      store.answer(200, { answer: 42 })
      await expect(run(sdk())).resolves.toEqual({ answer: 42 })
      expect(store.seen).toHaveLength(1)
      const [{ headers, ...request }] = store.seen
      expect(request).toEqual(expected)
      expect(headers).toMatchObject({ authorization: "Bearer shopper-token", "x-publishable-api-key": "pk_test" })
    }
  )

  it("covers every store route of the plugin", () => {
    const exported = Object.entries(client)
      .filter(([, value]) => typeof value === "function")
      .map(([name]) => name)
    const tested = new Set(calls.map(([name]) => name.split(" ")[0]))
    const helpers = [
      "EngagementStoreError",
      "isEngagementStoreError",
      "isAccepted",
      "loyaltyCreditOf",
      "consentProof",
      "checkoutConsentsMetadata",
    ]
    expect(exported.filter((name) => !tested.has(name) && !helpers.includes(name))).toEqual([])
  })

  it("encodes ids, so one cannot reach another route", async () => {
    await client.getCartLoyalty(sdk(), "../engagement/profile")
    expect(store.seen[0].path).toBe("/store/carts/..%2Fengagement%2Fprofile/loyalty-points")
  })
})
