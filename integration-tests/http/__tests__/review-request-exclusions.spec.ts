import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import sendDueReviewRequests from "../../../src/jobs/send-due-review-requests"
import { sendReviewRequestWorkflow } from "../../../src/workflows/review-requests/workflows/send-review-request"
import { engagementOf, makeDue, reviewRequestOf, sendDueAndSettle } from "../../helpers/engagement"
import { useTestPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders, createShopper, LAMP, linesOf, NOTEBOOK, PEN, placeOrder } from "../../helpers/store"

jest.setTimeout(240_000)

const DAY = 86_400_000

// Recensus on; orders below 20.00 EUR, the "gift-cards" category and a QA domain are excluded
const platforms = useTestPlatforms({
  ENGAGEMENT_REVIEW_DELAY: "1h",
  ENGAGEMENT_OUTBOX_BASE_DELAY: "0ms",
  ENGAGEMENT_REVIEW_MIN_ORDER_TOTAL: "eur=2000",
  ENGAGEMENT_REVIEW_EXCLUDED_CATEGORIES: "gift-cards",
  ENGAGEMENT_REVIEW_TEST_EMAIL_DOMAINS: "qa.example.org",
  ENGAGEMENT_REVIEW_CATEGORY_DELAYS: "lighting=30d",
})

type Purchase = { title: string }
const titlesSent = () =>
  platforms.recensus
    .callsTo("customer-contact-request")
    .map((call) => ((call.body as { data: { purchases: Purchase[] } }).data.purchases ?? []).map((p) => p.title).sort())

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    async function shopper(email: string) {
      return await createShopper(api, seeded.store, email)
    }

    async function order(email: string, headers: Record<string, string> | undefined, items: [number, number][]) {
      return await placeOrder(api, seeded.store, {
        email,
        customerHeaders: headers,
        items: linesOf(seeded.store, items),
      })
    }

    async function sendNow(orderId: string) {
      const scheduled = await reviewRequestOf(getContainer(), orderId)
      await makeDue(getContainer(), scheduled.id)
      return await sendDueAndSettle(getContainer(), scheduled.id)
    }

    it("leaves a line returned before the send time out, and skips an order whose every line came back", async () => {
      const ada = await shopper("ada@example.com")
      const placed = await order("ada@example.com", ada.headers, [
        [PEN, 1],
        [NOTEBOOK, 1],
      ])
      const admin = await createAdminHeaders(getContainer())
      const items = placed.items as { id: string; quantity: number; product_title: string }[]
      await api.post(
        `/admin/orders/${placed.id}/fulfillments`,
        {
          location_id: seeded.store.stockLocationId,
          items: items.map((item) => ({ id: item.id, quantity: item.quantity })),
        },
        admin
      )
      const pen = items.find((item) => item.product_title === "Fountain Pen")!
      const { data: begun } = await api.post(
        "/admin/returns",
        { order_id: placed.id, location_id: seeded.store.stockLocationId },
        admin
      )
      await api.post(`/admin/returns/${begun.return.id}/request-items`, { items: [{ id: pen.id, quantity: 1 }] }, admin)
      await api.post(`/admin/returns/${begun.return.id}/request`, {}, admin)

      const sent = await sendNow(placed.id)
      expect(sent.status).toBe("sent")
      expect(titlesSent()).toEqual([["Dotted Notebook"]])
      expect(sent.excluded_items).toEqual([
        { line_item_ids: [pen.id], title: "Fountain Pen", reason: "returned before the send time" },
      ])

      // the admin sees why on the order's engagement card
      const view = await api.get(`/admin/orders/${placed.id}/engagement`, admin)
      expect(view.data.review_request.excluded_items).toEqual([
        expect.objectContaining({ reason: "returned before the send time" }),
      ])

      // every line on its way back: nothing is asked
      const back = await order("ada@example.com", ada.headers, [[PEN, 2]])
      const backItem = back.items[0]
      await api.post(
        `/admin/orders/${back.id}/fulfillments`,
        { location_id: seeded.store.stockLocationId, items: [{ id: backItem.id, quantity: 2 }] },
        admin
      )
      const { data: second } = await api.post(
        "/admin/returns",
        { order_id: back.id, location_id: seeded.store.stockLocationId },
        admin
      )
      await api.post(
        `/admin/returns/${second.return.id}/request-items`,
        { items: [{ id: backItem.id, quantity: 2 }] },
        admin
      )
      await api.post(`/admin/returns/${second.return.id}/request`, {}, admin)
      const skipped = await sendNow(back.id)
      expect(skipped).toEqual(
        expect.objectContaining({ status: "skipped", reason: expect.stringContaining("returned before the send time") })
      )
      expect(platforms.recensus.callsTo("customer-contact-request")).toHaveLength(1)
    })

    it("skips a test order and an order below the minimum total, each with its reason", async () => {
      const qa = await order("robot@qa.example.org", undefined, [[PEN, 1]])
      const small = await order("small@example.com", undefined, [[NOTEBOOK, 1]]) // 12.50 + 4.95 shipping
      const enough = await order("enough@example.com", undefined, [[NOTEBOOK, 2]]) // 25.00 + 4.95

      expect(await sendNow(qa.id)).toEqual(
        expect.objectContaining({ status: "skipped", reason: "test order (email domain qa.example.org)" })
      )
      expect(await sendNow(small.id)).toEqual(
        expect.objectContaining({ status: "skipped", reason: "order total below the minimum of 2000 eur minor units" })
      )
      expect((await sendNow(enough.id)).status).toBe("sent")
      expect(platforms.recensus.callsTo("customer-contact-request")).toHaveLength(1)

      const admin = await createAdminHeaders(getContainer())
      const listed = await api.get(`/admin/engagement/review-requests?status=skipped`, admin)
      expect(listed.data.review_requests.map((row: { reason: string }) => row.reason).sort()).toEqual([
        "order total below the minimum of 2000 eur minor units",
        "test order (email domain qa.example.org)",
      ])
    })

    it("leaves out a product flagged in its metadata and a product of an excluded category, read at the send time", async () => {
      const productModule = getContainer().resolve(Modules.PRODUCT)
      const ada = await shopper("flags@example.com")
      const placed = await order("flags@example.com", ada.headers, [
        [PEN, 1],
        [NOTEBOOK, 1],
        [LAMP, 1],
      ])
      // changed after the order was placed: the send time decides
      const [giftCards] = await productModule.createProductCategories([
        { name: "Gift cards", handle: "gift-cards", is_active: true },
      ])
      await productModule.updateProducts(seeded.store.products[NOTEBOOK].id, { category_ids: [giftCards.id] })
      const lamp = await productModule.retrieveProduct(seeded.store.products[LAMP].id)
      await productModule.updateProducts(lamp.id, { metadata: { ...lamp.metadata, engagement_review_exclude: true } })

      const sent = await sendNow(placed.id)
      expect(sent.status).toBe("sent")
      expect(titlesSent()).toEqual([["Fountain Pen"]])
      expect(
        (sent.excluded_items as unknown as { title: string; reason: string }[])
          .map(({ title, reason }) => [title, reason])
          .sort()
      ).toEqual([
        ["Desk Lamp", "product excluded (metadata engagement_review_exclude)"],
        ["Dotted Notebook", "category excluded (gift-cards)"],
      ])
    })

    it("leaves out a product the shopper was asked about within 12 months", async () => {
      const ada = await shopper("again@example.com")
      const first = await order("again@example.com", ada.headers, [
        [PEN, 1],
        [NOTEBOOK, 2],
      ])
      expect((await sendNow(first.id)).status).toBe("sent")
      const second = await order("again@example.com", ada.headers, [
        [PEN, 1],
        [LAMP, 1],
      ])
      const sent = await sendNow(second.id)
      expect(sent.status).toBe("sent")
      expect(titlesSent()).toEqual([["Dotted Notebook", "Fountain Pen"], ["Desk Lamp"]])
      expect(sent.excluded_items).toEqual([
        expect.objectContaining({ title: "Fountain Pen", reason: "already asked about within 12 months" }),
      ])
    })

    it("asks about a product in the earlier of two orders that fall due in one run of the send job", async () => {
      const ada = await shopper("together@example.com")
      const first = await order("together@example.com", ada.headers, [
        [PEN, 1],
        [NOTEBOOK, 1],
      ])
      const second = await order("together@example.com", ada.headers, [
        [PEN, 1],
        [LAMP, 1],
      ])
      const engagement = engagementOf(getContainer())
      const [firstRequest, secondRequest] = [
        await reviewRequestOf(getContainer(), first.id),
        await reviewRequestOf(getContainer(), second.id),
      ]
      // both due, the later order's row written first: the claim's order is the send times', not the rows'
      await engagement.updateReviewRequests({ id: secondRequest.id, send_at: new Date(Date.now() - 1000) })
      await engagement.updateReviewRequests({ id: firstRequest.id, send_at: new Date(Date.now() - 2000) })
      await sendDueReviewRequests(getContainer())
      const sentFirst = await sendDueAndSettle(getContainer(), firstRequest.id)
      const sentSecond = await sendDueAndSettle(getContainer(), secondRequest.id)
      expect(sentFirst.status).toBe("sent")
      expect(sentFirst.excluded_items ?? []).toEqual([])
      expect(sentSecond.status).toBe("sent")
      expect(sentSecond.excluded_items).toEqual([
        expect.objectContaining({ title: "Fountain Pen", reason: "already asked about within 12 months" }),
      ])
      expect(titlesSent()).toEqual([["Dotted Notebook", "Fountain Pen"], ["Desk Lamp"]])
    })

    it("asks one shopper at most twice in 30 days: the third request waits until the first leaves the window", async () => {
      const ada = await shopper("cap@example.com")
      const first = await order("cap@example.com", ada.headers, [[PEN, 1]])
      const second = await order("cap@example.com", ada.headers, [[NOTEBOOK, 2]])
      const third = await order("cap@example.com", ada.headers, [[LAMP, 1]])
      const sentFirst = await sendNow(first.id)
      await sendNow(second.id)
      expect(platforms.recensus.callsTo("customer-contact-request")).toHaveLength(2)

      const scheduled = await reviewRequestOf(getContainer(), third.id)
      await makeDue(getContainer(), scheduled.id)
      await sendDueReviewRequests(getContainer())
      const waiting = await engagementOf(getContainer()).retrieveReviewRequest(scheduled.id)
      expect(waiting.status).toBe("scheduled")
      expect(waiting.reason).toContain("cap reached: 2 review emails to this shopper in the last 30 days (at most 2)")
      const [firstContact] = await engagementOf(getContainer()).listReviewContacts({ review_request_id: sentFirst.id })
      expect(new Date(waiting.send_at!).getTime()).toBe(new Date(firstContact.sent_at).getTime() + 30 * DAY + 1000)
      expect(platforms.recensus.callsTo("customer-contact-request")).toHaveLength(2)
    })

    it("keeps the cap when two processes send at once: a shopper's requests are claimed by one claim at a time", async () => {
      const engagement = engagementOf(getContainer())
      const ada = await shopper("race@example.com")
      const bob = await shopper("race-other@example.com")
      const adas = [
        await order("race@example.com", ada.headers, [[PEN, 1]]),
        await order("race@example.com", ada.headers, [[NOTEBOOK, 2]]),
        await order("race@example.com", ada.headers, [[LAMP, 1]]),
      ]
      const bobs = await order("race-other@example.com", bob.headers, [[PEN, 1]])
      // all due, Ada's first
      const requests = await Promise.all([...adas, bobs].map((placed) => reviewRequestOf(getContainer(), placed.id)))
      for (const [index, request] of requests.entries()) {
        await engagement.updateReviewRequests({ id: request.id, send_at: new Date(Date.now() - 60_000 + index * 1000) })
      }
      const shopperOf = (rows: { customer_id?: string | null }[]) => rows.map((row) => row.customer_id)

      // two processes' claims at the same moment: never two of one shopper's requests
      const [one, other] = await Promise.all([
        engagement.claimDueReviewRequests({ limit: 1 }),
        engagement.claimDueReviewRequests({ limit: 1 }),
      ])
      expect([...shopperOf(one), ...shopperOf(other)].sort()).toEqual([ada.customerId, bob.customerId].sort())
      // while Ada's request is held, a third claim takes nothing of hers (Bob's is held too)
      expect(await engagement.claimDueReviewRequests({ limit: 10 })).toEqual([])

      // the held ones are sent; once their leases end, Ada's others are claimed one process at a time
      for (const claimed of [...one, ...other]) {
        await sendReviewRequestWorkflow(getContainer()).run({ input: { review_request_id: claimed.id } })
      }
      const [next, besides] = await Promise.all([
        engagement.claimDueReviewRequests({ limit: 10 }),
        engagement.claimDueReviewRequests({ limit: 10 }),
      ])
      // one claim holds both of Ada's others (one process sends them in turn), the other nothing
      expect([next.length, besides.length].sort()).toEqual([0, 2])
      for (const claimed of [...next, ...besides]) {
        await sendReviewRequestWorkflow(getContainer()).run({ input: { review_request_id: claimed.id } })
      }
      await engagement.dispatchDueDeliveries()
      // at most two review emails to Ada in 30 days: her third waits
      const ending = await Promise.all(requests.map((request) => engagement.retrieveReviewRequest(request.id)))
      expect(ending.map((row) => row.delivery_id !== null)).toEqual([true, true, false, true])
      expect(ending[2].reason).toContain("cap reached")
      const calls = platforms.recensus.callsTo("customer-contact-request")
      const to = (email: string) =>
        calls.filter((call) => (call.body as { data: { customerEmail: string } }).data.customerEmail === email)
      expect(to("race@example.com")).toHaveLength(2)
      expect(to("race-other@example.com")).toHaveLength(1)
    })

    it("asks about an order when its latest line is due: the product's own delay, then its category's", async () => {
      const productModule = getContainer().resolve(Modules.PRODUCT)
      const pen = await productModule.retrieveProduct(seeded.store.products[PEN].id)
      await productModule.updateProducts(pen.id, { metadata: { ...pen.metadata, engagement_review_delay: "10d" } })
      const penOnly = await order("timing@example.com", undefined, [[PEN, 1]])
      const pending = await reviewRequestOf(getContainer(), penOnly.id)
      expect(new Date(pending.send_at!).getTime() - new Date(penOnly.created_at).getTime()).toBe(10 * DAY)

      // the demo catalogue puts the lamp in "lighting", which waits 30 days here
      const mixed = await order("timing@example.com", undefined, [
        [PEN, 1],
        [LAMP, 1],
        [NOTEBOOK, 2],
      ])
      const latest = await reviewRequestOf(getContainer(), mixed.id)
      expect(new Date(latest.send_at!).getTime() - new Date(mixed.created_at).getTime()).toBe(30 * DAY)
    })
  },
})
