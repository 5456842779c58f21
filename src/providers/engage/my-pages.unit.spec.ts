import {
  contactTransactionsRequest,
  promotionAssignmentsRequest,
  toStorePromotions,
  toStorePurchasePage,
  UnexpectedEngageAnswer,
} from "./my-pages"
import { TtlCache } from "./ttl-cache"

const options = { api_url: "https://tenant.voyado.com/", api_key: "key" }

describe("Engage My pages requests", () => {
  it("asks for one contact's promotions of one redemption channel, with the apikey header", () => {
    expect(promotionAssignmentsRequest(options, "c 1", "POS")).toEqual({
      method: "GET",
      url: "https://tenant.voyado.com/api/v3/promotion-assignments?contactId=c+1&redemptionChannelType=POS",
      headers: { apikey: "key", Accept: "application/json" },
    })
  })

  it("asks for a page of transactions by offset and count", () => {
    expect(contactTransactionsRequest(options, "c1", { offset: 40, limit: 20 }).url).toBe(
      "https://tenant.voyado.com/api/v3/contacts/transactions?contactId=c1&offset=40&count=20"
    )
  })
})

describe("Engage My pages answers", () => {
  it("maps an assignment, marking a redeemed one and keeping only the asked channel's redemption", () => {
    const [promotion] = toStorePromotions(
      [
        {
          id: "a1",
          promotionId: "p1",
          name: "Spring",
          status: "Redeemed",
          expiresOn: null,
          presentation: { heading: "H", description: "D", imageUrl: null },
          redemptionChannels: [
            { type: "POS", valueType: "PERCENT", value: "10" },
            { type: "ECOM", valueType: "EXTERNALOFFER", value: "SPRING" },
          ],
        },
      ],
      "ECOM"
    )
    expect(promotion).toEqual({
      id: "a1",
      promotion_id: "p1",
      name: "Spring",
      heading: "H",
      description: "D",
      image_url: null,
      expires_at: null,
      redeemed: true,
      redemption: { channel: "ECOM", value_type: "EXTERNALOFFER", value: "SPRING" },
    })
  })

  it("counts the page from Engage's totalCount and tells returns from purchases", () => {
    const page = toStorePurchasePage(
      {
        items: [{ id: "t1", type: "RETURN", quantity: -1, price: -5, currency: "SEK" }],
        offset: 3,
        count: 1,
        totalCount: 4,
      },
      { offset: 3, limit: 1 }
    )
    expect(page).toEqual({
      purchases: [
        expect.objectContaining({ id: "t1", type: "return", quantity: -1, amount: -5, currency_code: "sek" }),
      ],
      count: 4,
      offset: 3,
      limit: 1,
    })
  })

  it("refuses answers that are not the documented shapes", () => {
    expect(() => toStorePromotions({ items: [] }, "ECOM")).toThrow(UnexpectedEngageAnswer)
    expect(() => toStorePromotions([{ name: "no id" }], "ECOM")).toThrow(UnexpectedEngageAnswer)
    expect(() => toStorePurchasePage([], { offset: 0, limit: 20 })).toThrow(UnexpectedEngageAnswer)
    expect(() => toStorePurchasePage({ items: [null] }, { offset: 0, limit: 20 })).toThrow(UnexpectedEngageAnswer)
  })
})

describe("TtlCache", () => {
  it("forgets an entry at its expiry and drops the oldest when full", () => {
    const cache = new TtlCache<number>(2)
    cache.set("a", 1, 100)
    expect(cache.get("a", 99)).toBe(1)
    expect(cache.get("a", 100)).toBeUndefined()
    cache.set("a", 1, 1000)
    cache.set("b", 2, 1000)
    cache.set("c", 3, 1000)
    expect([cache.get("a", 0), cache.get("b", 0), cache.get("c", 0), cache.size]).toEqual([undefined, 2, 3, 2])
  })
})
