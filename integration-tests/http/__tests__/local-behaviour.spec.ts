import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import sendDueReviewRequests from "../../../src/jobs/send-due-review-requests"
import { engagementOf, reviewRequestOf } from "../../helpers/engagement"
import { eventually } from "../../helpers/stand-ins"
import { createAdminHeaders, createCustomerSession, placeOrder } from "../../helpers/store"

jest.setTimeout(180_000)

// No platform at all: the plugin works on its built-in behaviour. The clock starts at fulfilment.
beforeAll(() => {
  for (const name of Object.keys(process.env)) {
    if (/^(RECENSUS|REJOINER|EXPERTSENDER|ENGAGE|CRMCOM)_/.test(name)) {
      delete process.env[name]
    }
  }
  process.env.ENGAGEMENT_REVIEW_TRIGGER = "fulfilled"
  process.env.ENGAGEMENT_REVIEW_DELAY = "0s"
})
afterAll(() => {
  delete process.env.ENGAGEMENT_REVIEW_TRIGGER
  delete process.env.ENGAGEMENT_REVIEW_DELAY
})

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    it("emails the review request through Medusa's notifications once the order is fulfilled, and only once", async () => {
      const session = await createCustomerSession(api, seeded.store, {
        email: "ada@example.com",
        password: "secret-password",
        first_name: "Ada",
        last_name: "Lovelace",
      })
      const [pen, notebook] = seeded.store.products
      const order = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: session.headers,
        items: [
          { variant_id: pen.variants[0].id, quantity: 2 },
          { variant_id: notebook.variants[0].id, quantity: 1 },
        ],
      })

      const waiting = await reviewRequestOf(getContainer(), order.id)
      expect(waiting).toEqual(expect.objectContaining({ status: "scheduled", trigger: "fulfilled", send_at: null }))
      // no platform: nothing goes to the outbox (no conversion, no CCR)
      expect(await engagementOf(getContainer()).listDeliveries({ order_id: order.id })).toEqual([])

      await sendDueReviewRequests(getContainer())
      expect((await engagementOf(getContainer()).retrieveReviewRequest(waiting.id)).status).toBe("scheduled")

      const admin = await createAdminHeaders(getContainer())
      await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        {
          location_id: seeded.store.stockLocationId,
          items: order.items.map((item: { id: string; quantity: number }) => ({
            id: item.id,
            quantity: item.quantity,
          })),
        },
        admin
      )
      const started = await eventually(async () => {
        const row = await engagementOf(getContainer()).retrieveReviewRequest(waiting.id)
        return row.send_at ? row : undefined
      })
      expect(new Date(started.send_at!).getTime()).toBeLessThanOrEqual(Date.now())

      await sendDueReviewRequests(getContainer())
      await sendDueReviewRequests(getContainer())

      const sent = await engagementOf(getContainer()).retrieveReviewRequest(waiting.id)
      expect(sent).toEqual(expect.objectContaining({ status: "sent", channel: "email" }))
      const notifications = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ to: "ada@example.com" })
      const reviewEmails = notifications.filter((n) => n.template === "engagement-review-request")
      expect(reviewEmails).toHaveLength(1)
      expect(reviewEmails[0]).toEqual(
        expect.objectContaining({
          channel: "email",
          idempotency_key: `review-request:${waiting.id}:email`,
          data: expect.objectContaining({
            order_id: order.id,
            customer_first_name: "Ada",
            unsubscribe_url: expect.stringMatching(/^http:\/\/localhost:9000\/engagement\/unsubscribe\?token=/),
            products: expect.arrayContaining([
              expect.objectContaining({ title: "Fountain Pen", url: "http://localhost:8000/products/fountain-pen" }),
              expect.objectContaining({
                title: "Dotted Notebook",
                url: "http://localhost:8000/products/dotted-notebook",
              }),
            ]),
          }),
        })
      )
    })
  },
})
