import { engagementSuite } from "../../helpers/suite"
import { contactSyncOf, syncContactsNow } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { useTestPlatforms } from "../../helpers/stand-ins"
import { createCustomerSession } from "../../helpers/store"

jest.setTimeout(240_000)

const CACHE_MS = 5000
const platforms = useTestPlatforms(
  { ENGAGEMENT_HTTP_TIMEOUT: "1s", ENGAGE_MY_PAGES_CACHE: `${CACHE_MS}ms` },
  { contacts: true }
)
const { engage } = platforms

/** Engage did not answer the `failed` read: a 424 naming it and what failed */
const down = (failed: string) => ({
  type: "platform_unavailable",
  message: `engage: Voyado Engage did not answer the ${failed} read; try again later`,
  platform: "Voyado Engage",
  failed,
})
const refusedRead = (failed: string) => ({
  type: "platform_error",
  message: `engage: Voyado Engage refused the store's ${failed} read; the store's Engage settings need attention`,
  platform: "Voyado Engage",
  failed,
})
const NOT_SYNCED = "engage: your contact is not synced to Voyado Engage yet"

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    type Shopper = Awaited<ReturnType<typeof createCustomerSession>>
    const register = async (email: string): Promise<Shopper> => {
      const shopper = await createCustomerSession(api, seeded.store, {
        email,
        password: "secret-password",
        first_name: "Ada",
        last_name: "Byron",
      })
      await contactSyncOf(getContainer(), shopper.customerId, "engage")
      return shopper
    }
    /** Registers the shoppers and runs the contact sync: each gets an Engage contact id. */
    const registerSynced = async (...emails: string[]) => {
      const shoppers = []
      for (const email of emails) {
        shoppers.push(await register(email))
      }
      await syncContactsNow(getContainer())
      return await Promise.all(
        shoppers.map(async (shopper) => ({
          ...shopper,
          engageId: (await contactSyncOf(getContainer(), shopper.customerId, "engage")).external_id as string,
        }))
      )
    }

    it("answers the shopper's own active e-commerce promotions, and a second read within the cache window makes no call", async () => {
      const [ada, bob] = await registerSynced("ada@example.com", "bob@example.com")
      expect(ada.engageId).toEqual(expect.any(String))
      const online = engage.assignPromotion(ada.engageId, {
        name: "Spring -20%",
        expiresOn: "2027-05-31T22:00:00Z",
        presentation: { heading: "20% off", description: "On everything", imageUrl: "https://img.example/20.png" },
        redemptionChannels: [{ type: "ECOM", valueType: "EXTERNALOFFER", value: "SPRING20" }],
      })
      engage.assignPromotion(ada.engageId, {
        name: "In store",
        redemptionChannels: [{ type: "POS", valueType: "PERCENT", value: "10" }],
      })
      engage.assignPromotion(bob.engageId, {
        name: "Bob's",
        redemptionChannels: [{ type: "ECOM", valueType: "EXTERNALOFFER", value: "BOB" }],
      })

      const first = await api.get("/store/engagement/promotions", ada)
      expect(first.data).toEqual({
        promotions: [
          {
            id: online.id,
            promotion_id: online.promotionId,
            name: "Spring -20%",
            heading: "20% off",
            description: "On everything",
            image_url: "https://img.example/20.png",
            expires_at: "2027-05-31T22:00:00Z",
            redeemed: false,
            redemption: { channel: "ECOM", value_type: "EXTERNALOFFER", value: "SPRING20" },
          },
        ],
      })
      expect(engage.callsTo("promotion_assignments").map((call) => call.query)).toEqual([
        { contactId: ada.engageId, redemptionChannelType: "ECOM" },
      ])

      const again = await api.get("/store/engagement/promotions", ada)
      expect(again.data).toEqual(first.data)
      expect(engage.callsTo("promotion_assignments")).toHaveLength(1)

      // another type is another question, asked once
      const inStore = await api.get("/store/engagement/promotions?type=POS", ada)
      expect(inStore.data.promotions.map((p: { name: string }) => p.name)).toEqual(["In store"])
      expect(engage.callsTo("promotion_assignments").at(-1)!.query).toEqual({
        contactId: ada.engageId,
        redemptionChannelType: "POS",
      })

      // Bob sees his own, and cannot name Ada's contact
      const bobs = await api.get("/store/engagement/promotions", bob)
      expect(bobs.data.promotions.map((p: { name: string }) => p.name)).toEqual(["Bob's"])
      const named = await responseOf(api.get(`/store/engagement/promotions?contactId=${ada.engageId}`, bob))
      expect(named.status).toBe(400)
      expect(named.data.message).toContain("contactId")
      const badType = await responseOf(api.get("/store/engagement/promotions?type=SHOE", bob))
      expect(badType.status).toBe(400)
      expect(badType.data.message).toMatch(/type.*ECOM, POS, OTHER/)
      expect(engage.callsTo("promotion_assignments").map((call) => call.query.contactId)).toEqual([
        ada.engageId,
        ada.engageId,
        bob.engageId,
      ])
    })

    it("pages through the shopper's own purchases and returns, each page read from Engage once within the window", async () => {
      const [ada, bob] = await registerSynced("ada@example.com", "bob@example.com")
      const pen = engage.addTransaction(ada.engageId, {
        receiptNumber: "R-100",
        sku: "PEN",
        articleName: "Pen",
        quantity: 2,
        price: 24.5,
        discount: 0.5,
        currency: "EUR",
        time: "2026-10-01T10:00:00Z",
        storeName: "Web shop",
      })
      engage.addTransaction(ada.engageId, { receiptNumber: "R-101", sku: "INK", articleName: "Ink" })
      const returned = engage.addTransaction(ada.engageId, {
        type: "RETURN",
        receiptNumber: "R-102",
        sku: "PEN",
        articleName: "Pen",
        quantity: -1,
        price: -12.25,
      })
      engage.addTransaction(bob.engageId, { receiptNumber: "R-900", sku: "BOB" })

      const page = await api.get("/store/engagement/purchases?limit=2", ada)
      expect(page.data).toEqual({
        purchases: [
          {
            id: pen.id,
            type: "purchase",
            receipt_number: "R-100",
            sku: "PEN",
            article_name: "Pen",
            quantity: 2,
            amount: 24.5,
            discount: 0.5,
            currency_code: "eur",
            store_name: "Web shop",
            occurred_at: "2026-10-01T10:00:00Z",
          },
          expect.objectContaining({ receipt_number: "R-101", type: "purchase" }),
        ],
        count: 3,
        offset: 0,
        limit: 2,
      })
      expect(engage.callsTo("contact_transactions").map((call) => call.query)).toEqual([
        { contactId: ada.engageId, offset: "0", count: "2" },
      ])

      const next = await api.get("/store/engagement/purchases?limit=2&offset=2", ada)
      expect(next.data).toEqual({
        purchases: [expect.objectContaining({ id: returned.id, type: "return", quantity: -1, amount: -12.25 })],
        count: 3,
        offset: 2,
        limit: 2,
      })
      await api.get("/store/engagement/purchases?limit=2", ada)
      expect(engage.callsTo("contact_transactions")).toHaveLength(2)

      const bobs = await api.get("/store/engagement/purchases", bob)
      expect(bobs.data.purchases.map((p: { receipt_number: string }) => p.receipt_number)).toEqual(["R-900"])
      expect(bobs.data).toEqual(expect.objectContaining({ count: 1, offset: 0, limit: 20 }))

      for (const query of ["limit=0", "limit=101", "offset=-1", "limit=abc"]) {
        const refused = await responseOf(api.get(`/store/engagement/purchases?${query}`, ada))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toContain(query.split("=")[0])
      }
    })

    it("answers a 424 naming Voyado Engage and what failed, never a 5xx, when it fails, times out or drops the call, and caches no failure", async () => {
      const [ada] = await registerSynced("ada@example.com")
      engage.assignPromotion(ada.engageId, { name: "Back again" })

      engage.failNext(1, {
        kind: "status",
        status: 503,
        body: { message: "maintenance" },
        headers: { "Retry-After": "30" },
      })
      const failed = await responseOf(api.get("/store/engagement/promotions", ada))
      expect([failed.status, failed.data]).toEqual([424, { ...down("promotions"), retry_after: 30 }])
      expect(failed.headers["retry-after"]).toBe("30")

      engage.failNext(1, { kind: "timeout" })
      const slow = await responseOf(api.get("/store/engagement/purchases", ada))
      expect([slow.status, slow.data]).toEqual([424, down("purchases")])
      expect(slow.headers["retry-after"]).toBeUndefined()

      engage.failNext(1, { kind: "reset" })
      const dropped = await responseOf(api.get("/store/engagement/purchases", ada))
      expect([dropped.status, dropped.data]).toEqual([424, down("purchases")])

      const recovered = await api.get("/store/engagement/promotions", ada)
      expect(recovered.data.promotions.map((p: { name: string }) => p.name)).toEqual(["Back again"])
      expect((await api.get("/store/engagement/purchases", ada)).data).toEqual({
        purchases: [],
        count: 0,
        offset: 0,
        limit: 20,
      })
    })

    it("makes one call to Engage for many simultaneous reloads of the same page", async () => {
      const [ada] = await registerSynced("ada@example.com")
      engage.addTransaction(ada.engageId, { receiptNumber: "R-1" })
      engage.latencyMs = 300
      const answers = await Promise.all(Array.from({ length: 8 }, () => api.get("/store/engagement/purchases", ada)))
      expect(new Set(answers.map((answer) => JSON.stringify(answer.data))).size).toBe(1)
      expect(answers[0].data.purchases.map((p: { receipt_number: string }) => p.receipt_number)).toEqual(["R-1"])
      expect(engage.callsTo("contact_transactions")).toHaveLength(1)
    })

    it("asks Engage again once the configured cache window has passed", async () => {
      const [ada] = await registerSynced("ada@example.com")
      engage.assignPromotion(ada.engageId, { name: "First" })
      expect((await api.get("/store/engagement/promotions", ada)).data.promotions).toHaveLength(1)
      engage.assignPromotion(ada.engageId, { name: "Second" })
      expect((await api.get("/store/engagement/promotions", ada)).data.promotions).toHaveLength(1)

      await new Promise((resolve) => setTimeout(resolve, CACHE_MS + 200))
      const fresh = await api.get("/store/engagement/promotions", ada)
      expect(fresh.data.promotions.map((p: { name: string }) => p.name)).toEqual(["First", "Second"])
      expect(engage.callsTo("promotion_assignments")).toHaveLength(2)
    })

    it("answers 424 naming Voyado Engage when it refuses the store's key or answers an unexpected shape", async () => {
      const [ada] = await registerSynced("ada@example.com")
      engage.failNext(1, {
        kind: "status",
        status: 401,
        body: { statusCode: 401, errorCode: "Unauthorized", message: "invalid apikey" },
      })
      const refused = await responseOf(api.get("/store/engagement/promotions", ada))
      expect([refused.status, refused.data]).toEqual([424, refusedRead("promotions")])

      engage.failNext(1, { kind: "status", status: 200, body: { unexpected: true } })
      const garbled = await responseOf(api.get("/store/engagement/purchases", ada))
      expect([garbled.status, garbled.data]).toEqual([424, refusedRead("purchases")])
    })

    it("answers 409 naming Voyado Engage, without calling it, for a shopper whose contact is not synced yet, and 401 without a login", async () => {
      const ada = await register("ada@example.com")
      for (const path of ["/store/engagement/promotions", "/store/engagement/purchases"]) {
        const early = await responseOf(api.get(path, ada))
        expect(early.status).toBe(409)
        expect(early.data.message).toBe(NOT_SYNCED)
        const anonymous = await responseOf(
          api.get(path, { headers: { "x-publishable-api-key": seeded.store.publishableKey } })
        )
        expect(anonymous.status).toBe(401)
      }
      expect(
        engage.requests.filter(
          (call) => call.route === "promotion_assignments" || call.route === "contact_transactions"
        )
      ).toHaveLength(0)
    })
  },
})
