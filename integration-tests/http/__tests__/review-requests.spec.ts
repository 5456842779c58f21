import SparkMD5 from "spark-md5"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import sendDueReviewRequests from "../../../src/jobs/send-due-review-requests"
import { createReviewRequestWorkflow } from "../../../src/workflows/review-requests/workflows/create-review-request"
import { engagementOf, makeDue, reviewRequestOf, sendDueAndSettle } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { eventually, RECENSUS_TEST_CONFIG, useTestPlatforms } from "../../helpers/stand-ins"
import {
  createAdminHeaders,
  createCustomerSession,
  createShopper,
  LAMP,
  linesOf,
  NOTEBOOK,
  PEN,
  placeOrder,
} from "../../helpers/store"

jest.setTimeout(180_000)

// the stand-ins listen, and the env points at them, before Medusa boots
const platforms = useTestPlatforms({
  ENGAGEMENT_REVIEW_DELAY: "1h",
  ENGAGEMENT_OUTBOX_BASE_DELAY: "0ms",
  ENGAGEMENT_OUTBOX_MAX_ATTEMPTS: "5",
  ENGAGEMENT_HTTP_TIMEOUT: "1s",
})

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    async function orderAsCustomer(email: string, metadata?: Record<string, unknown>) {
      const session = await createShopper(api, seeded.store, email)
      if (metadata) {
        await getContainer().resolve(Modules.CUSTOMER).updateCustomers(session.customerId, { metadata })
      }
      const order = await placeOrder(api, seeded.store, {
        email,
        customerHeaders: session.headers,
        items: linesOf(seeded.store, [
          [PEN, 2],
          [NOTEBOOK, 1],
          [LAMP, 1],
        ]),
      })
      return { order, session }
    }

    it("sends one signed Customer Contact Request for a real order and stores the CCR id", async () => {
      const { order } = await orderAsCustomer("ada@example.com")
      const scheduled = await reviewRequestOf(getContainer(), order.id)
      expect(scheduled.status).toBe("scheduled")
      const delay = new Date(scheduled.send_at!).getTime() - new Date(order.created_at).getTime()
      expect(delay).toBe(3_600_000)

      await makeDue(getContainer(), scheduled.id)
      const sent = await sendDueAndSettle(getContainer(), scheduled.id)

      expect(sent.status).toBe("sent")
      expect(sent.channel).toBe("recensus")
      const calls = platforms.recensus.callsTo("customer-contact-request")
      expect(calls).toHaveLength(1)
      const [call] = calls
      expect(call.headers["content-type"]).toMatch(/^application\/json/)
      expect(call.headers.accept).toBe("application/json")
      const url = `${platforms.recensus.baseUrl}/merchant/${RECENSUS_TEST_CONFIG.merchantId}/customer-contact-request`
      expect(call.body).toEqual({
        data: {
          merchant: RECENSUS_TEST_CONFIG.merchantId,
          customerFirstName: "Ada",
          customerLastName: "Lovelace",
          customerEmail: "ada@example.com",
          purchaseDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
          purchases: expect.arrayContaining([
            {
              quantity: "2",
              gtin: "4006381333931",
              mpn: "PW-FP100-BL",
              brand: "Penwright",
              lang: "en",
              title: "Fountain Pen",
              type: "P",
            },
            {
              quantity: "1",
              gtin: "5901234123457",
              mpn: "PN-A5-DOT",
              brand: "Papeterie Nord",
              lang: "en",
              title: "Dotted Notebook",
              type: "P",
            },
            // no barcode: MPN + brand
            {
              quantity: "1",
              gtin: "",
              mpn: "LC-DL2-BR",
              brand: "Lumen & Co",
              lang: "en",
              title: "Desk Lamp",
              type: "P",
            },
          ]),
        },
        signedRequest: {
          token: RECENSUS_TEST_CONFIG.token,
          signature: SparkMD5.hash(`POST${url}${RECENSUS_TEST_CONFIG.sharedSecret}`),
        },
      })
      expect((call.body as { data: { purchases: unknown[] } }).data.purchases).toHaveLength(3)
      const answerId = String(platforms.recensus.state.nextId)
      expect(sent.external_id).toBe(answerId)

      const admin = await createAdminHeaders(getContainer())
      const view = await api.get(`/admin/orders/${order.id}/engagement`, admin)
      expect(view.data.review_request).toEqual(expect.objectContaining({ status: "sent", external_id: answerId }))
      expect(view.data.deliveries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ platform: "recensus", status: "delivered", response_status: 201 }),
        ])
      )
      const listed = await api.get(`/admin/engagement/review-requests?status=sent&order_id=${order.id}`, admin)
      expect(listed.data).toEqual(expect.objectContaining({ count: 1 }))
    })

    it("makes one review request and one CCR however often order.placed arrives", async () => {
      const { order } = await orderAsCustomer("twice@example.com")
      const first = await reviewRequestOf(getContainer(), order.id)
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "order.placed", data: { id: order.id } })
      await createReviewRequestWorkflow(getContainer()).run({ input: { order_id: order.id } })
      await new Promise((resolve) => setTimeout(resolve, 500))

      expect(await engagementOf(getContainer()).listReviewRequests({ order_id: order.id })).toHaveLength(1)
      await makeDue(getContainer(), first.id)
      await sendDueAndSettle(getContainer(), first.id)
      await sendDueAndSettle(getContainer(), first.id)
      expect(platforms.recensus.callsTo("customer-contact-request")).toHaveLength(1)
    })

    it("settles a request whose delivery another process sent before the request named it", async () => {
      const { order } = await orderAsCustomer("race@example.com")
      const engagement = engagementOf(getContainer())
      const scheduled = await reviewRequestOf(getContainer(), order.id)
      await makeDue(getContainer(), scheduled.id)
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      // the send job's attach of the request to its delivery waits, while another process sends the
      // delivery (committed one step before) and records its outcome: the outcome's handler finds no
      // request naming it yet
      await pg.raw(`CREATE OR REPLACE FUNCTION test_slow_attach() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$`)
      await pg.raw(`CREATE TRIGGER test_slow_attach BEFORE UPDATE ON engagement_review_request FOR EACH ROW
        WHEN (OLD.delivery_id IS NULL AND NEW.delivery_id IS NOT NULL) EXECUTE FUNCTION test_slow_attach()`)
      try {
        const sending = sendDueReviewRequests(getContainer())
        const delivery = await eventually(
          async () => (await engagement.listDeliveries({ order_id: order.id, platform: "recensus" }))[0]
        )
        await engagement.dispatchDueDeliveries({ ids: [delivery.id] })
        expect((await engagement.retrieveDelivery(delivery.id)).status).toBe("delivered")
        expect((await engagement.retrieveReviewRequest(scheduled.id)).delivery_id).toBeNull()
        await sending
      } finally {
        await pg.raw(`DROP TRIGGER IF EXISTS test_slow_attach ON engagement_review_request`)
      }
      const sent = await engagement.retrieveReviewRequest(scheduled.id)
      expect(sent).toEqual(
        expect.objectContaining({ status: "sent", external_id: String(platforms.recensus.state.nextId) })
      )
      expect(platforms.recensus.callsTo("customer-contact-request")).toHaveLength(1)
    })

    it("cancels the review request of an order canceled before the send time", async () => {
      const { order } = await orderAsCustomer("cancel@example.com")
      const scheduled = await reviewRequestOf(getContainer(), order.id)
      const admin = await createAdminHeaders(getContainer())
      await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)

      const canceled = await eventually(async () => {
        const row = await engagementOf(getContainer()).retrieveReviewRequest(scheduled.id)
        return row.status === "canceled" ? row : undefined
      })
      expect(canceled.reason).toContain("canceled")
      await makeDue(getContainer(), scheduled.id)
      await sendDueAndSettle(getContainer(), scheduled.id).catch(() => undefined)
      expect(platforms.recensus.requests).toHaveLength(0)
    })

    it("ends a 400 as failed with the platform's reason, and a 403 as a configuration error", async () => {
      const { order: first } = await orderAsCustomer("bad@example.com")
      const rr1 = await reviewRequestOf(getContainer(), first.id)
      platforms.recensus.failNext(1, { kind: "status", status: 400, body: { error: "purchaseDate is malformed" } })
      await makeDue(getContainer(), rr1.id)
      const failed = await sendDueAndSettle(getContainer(), rr1.id)
      expect(failed.status).toBe("failed")
      expect(failed.reason).toContain("purchaseDate is malformed")

      const { order: second } = await orderAsCustomer("forbidden@example.com")
      const rr2 = await reviewRequestOf(getContainer(), second.id)
      platforms.recensus.failNext(1, { kind: "status", status: 403 })
      await makeDue(getContainer(), rr2.id)
      const forbidden = await sendDueAndSettle(getContainer(), rr2.id)
      expect(forbidden.status).toBe("failed")
      expect(forbidden.reason).toContain("RECENSUS_TOKEN")
      expect(platforms.recensus.requests).toHaveLength(2)
    })

    it("retries 5xx and timeouts through the outbox and then sends", async () => {
      const { order } = await orderAsCustomer("flaky@example.com")
      const scheduled = await reviewRequestOf(getContainer(), order.id)
      platforms.recensus.failNext(2, { kind: "status", status: 503 }).failNext(1, { kind: "timeout" })
      await makeDue(getContainer(), scheduled.id)
      const sent = await sendDueAndSettle(getContainer(), scheduled.id)
      expect(sent.status).toBe("sent")
      expect(platforms.recensus.requests.map((r) => r.answeredWith)).toEqual([503, 503, "timeout", 201])
    })

    it("skips a shopper who opted out, and one who withdrew consent after the request was scheduled", async () => {
      const { order: optedOut } = await orderAsCustomer("optout@example.com", {
        engagement_review_requests_opt_out: true,
      })
      const skipped = await reviewRequestOf(getContainer(), optedOut.id)
      expect(skipped).toEqual(
        expect.objectContaining({ status: "skipped", reason: expect.stringContaining("opted out") })
      )

      const { order, session } = await orderAsCustomer("withdraws@example.com")
      const scheduled = await reviewRequestOf(getContainer(), order.id)
      expect(scheduled.status).toBe("scheduled")
      await engagementOf(getContainer()).createConsents({
        customer_id: session.customerId,
        purpose: "review_requests",
        value: "False",
        source: "storefront",
        recorded_at: new Date(),
      })
      await makeDue(getContainer(), scheduled.id)
      const withdrawn = await sendDueAndSettle(getContainer(), scheduled.id)
      expect(withdrawn).toEqual(
        expect.objectContaining({ status: "skipped", reason: expect.stringContaining("review_requests") })
      )
      expect(platforms.recensus.requests).toHaveLength(0)
    })

    it("skips an order with nothing Recensus can identify", async () => {
      const productModule = getContainer().resolve(Modules.PRODUCT)
      const lamp = seeded.store.products[2]
      await productModule.updateProducts(lamp.id, { metadata: { brand: null } })
      const session = await createCustomerSession(api, seeded.store, {
        email: "lamp@example.com",
        password: "pw-12345678",
        first_name: "L",
        last_name: "M",
      })
      const order = await placeOrder(api, seeded.store, {
        email: "lamp@example.com",
        customerHeaders: session.headers,
        items: [{ variant_id: lamp.variants[0].id, quantity: 1 }],
      })
      const skipped = await reviewRequestOf(getContainer(), order.id)
      expect(skipped.status).toBe("skipped")
      expect(skipped.excluded_items).toEqual([
        expect.objectContaining({ title: "Desk Lamp", reason: expect.stringContaining("brand") }),
      ])
    })

    it("answers the admin review-request list with 401 without an admin and 400 for a bad filter", async () => {
      expect((await responseOf(api.get(`/admin/engagement/review-requests`))).status).toBe(401)
      const admin = await createAdminHeaders(getContainer())
      const bad = await responseOf(api.get(`/admin/engagement/review-requests?status=maybe`, admin))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("status")
      const missing = await responseOf(api.get(`/admin/orders/order_missing/engagement`, admin))
      expect(missing.status).toBe(404)
    })
  },
})
