import { engagementOf, loyaltyRowsOf, reviewRequestOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { useTestPlatforms } from "../../helpers/stand-ins"
import { NOTEBOOK, PEN, shopperOrder } from "../../helpers/store"
import { engagementSuite } from "../../helpers/suite"

jest.setTimeout(180_000)

// a review request waits an hour: the list shows it scheduled, nothing is sent meanwhile
useTestPlatforms({ ENGAGEMENT_REVIEW_DELAY: "1h" })

/**
 * The admin's lists name an order by its number and a customer by name and email (issue #26), and
 * their order and customer filters take "#5", an email or a name as well as ids.
 */
engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    it("names the order and the customer in the delivery log, the drawer, review requests and the ledger, and filters by them", async () => {
      const { store } = seeded
      const { order, session } = await shopperOrder(api, store, "ada.words@example.com", [
        [PEN, 1],
        [NOTEBOOK, 1],
      ])
      const { order: other } = await shopperOrder(api, store, "grace.words@example.com", [[PEN, 1]])
      const engagement = engagementOf(getContainer())
      const [{ delivery }] = await engagement.enqueueDeliveries([
        {
          platform: "rejoiner",
          operation: "cancel",
          origin: "journey_cancellation",
          idempotency_key: `words:${order.id}`,
          customer_id: session.customerId,
          order_id: order.id,
          payload: { email: "ada.words@example.com" },
        },
      ])
      const [{ delivery: otherDelivery }] = await engagement.enqueueDeliveries([
        {
          platform: "rejoiner",
          operation: "cancel",
          origin: "journey_cancellation",
          idempotency_key: `words:${other.id}`,
          order_id: other.id,
          payload: { email: "grace.words@example.com" },
        },
      ])

      const expected = {
        order: { id: order.id, display_id: order.display_id },
        customer: { id: session.customerId, name: "Ada Lovelace", email: "ada.words@example.com" },
      }
      const byNumber = await api.get(
        `/admin/engagement/deliveries?order_id=%23${order.display_id}&operation=cancel`,
        seeded.admin
      )
      expect(byNumber.data.deliveries.map((row: { id: string }) => row.id)).toEqual([delivery.id])
      expect(byNumber.data.deliveries[0]).toMatchObject(expected)

      // the unfiltered log names them too; a row without a customer takes its order's
      const all = await api.get(`/admin/engagement/deliveries`, seeded.admin)
      const otherRow = all.data.deliveries.find((row: { id: string }) => row.id === otherDelivery.id)
      expect(otherRow.order.display_id).toBe(other.display_id)
      expect(otherRow.customer).toMatchObject({ email: "grace.words@example.com" })

      for (const customer of ["ADA.WORDS@example.com", "Ada Lovelace", "lovelace", session.customerId]) {
        const { data } = await api.get(`/admin/engagement/deliveries`, {
          ...seeded.admin,
          params: { customer_id: customer, operation: "cancel" },
        })
        expect([customer, data.deliveries.map((row: { id: string }) => row.id)]).toEqual([customer, [delivery.id]])
      }
      const nobody = await api.get(`/admin/engagement/deliveries?customer_id=Nobody%20Here`, seeded.admin)
      expect(nobody.data).toMatchObject({ deliveries: [], count: 0 })
      const noOrder = await api.get(`/admin/engagement/deliveries?order_id=%23999999`, seeded.admin)
      expect(noOrder.data).toMatchObject({ deliveries: [], count: 0 })

      const drawer = await api.get(`/admin/engagement/deliveries/${delivery.id}`, seeded.admin)
      expect(drawer.data.delivery).toMatchObject(expected)

      const reviewRequest = await reviewRequestOf(getContainer(), order.id)
      const reviews = await api.get(`/admin/engagement/review-requests?order_id=${order.display_id}`, seeded.admin)
      expect(reviews.data.review_requests.map((row: { id: string }) => row.id)).toEqual([reviewRequest.id])
      expect(reviews.data.review_requests[0]).toMatchObject(expected)
      const reviewsOfGrace = await api.get(`/admin/engagement/review-requests?customer_id=Grace`, seeded.admin)
      expect(reviewsOfGrace.data.review_requests).toEqual([])

      const card = await api.get(`/admin/orders/${order.id}/engagement`, seeded.admin)
      expect(card.data.deliveries.find((row: { id: string }) => row.id === delivery.id)).toMatchObject(expected)
      expect(card.data.review_request).toMatchObject(expected)

      const earned = await loyaltyRowsOf(getContainer(), { order_id: order.id })
      const ledger = await api.get(
        `/admin/engagement/contacts/${session.customerId}/loyalty/transactions`,
        seeded.admin
      )
      const orderRows = ledger.data.transactions.filter((row: { order_id: string }) => row.order_id === order.id)
      expect(orderRows).toHaveLength(earned.length)
      for (const row of orderRows) {
        expect(row.order).toEqual(expected.order)
      }
    })

    it("refuses an order filter that is neither an order number nor an order id with a 400 naming the field", async () => {
      const cases: Array<[string, string]> = [
        [`/admin/engagement/deliveries?order_id=ada%40example.com`, "order_id"],
        [`/admin/engagement/deliveries?order_id=%23five`, "order_id"],
        [`/admin/engagement/review-requests?order_id=%23-5`, "order_id"],
        [`/admin/engagement/deliveries?customer_id=a%00b`, "customer_id"],
      ]
      for (const [url, field] of cases) {
        const response = await responseOf(api.get(url, seeded.admin))
        expect([url, response.status]).toEqual([url, 400])
        expect(response.data.message).toContain(field)
      }
      const bulk = await responseOf(
        api.post(`/admin/engagement/deliveries/retry`, { filter: { order_id: ["five"] } }, seeded.admin)
      )
      expect(bulk.status).toBe(400)
      expect(bulk.data.message).toContain("filter.order_id")
    })
  },
})
