import { engagementSuite } from "../../helpers/suite"
import type LoyaltyModuleService from "../../../src/modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../src/modules/loyalty/types"
import { signReviewWebhook } from "../../../src/workflows/review-rewards/utils/webhook-signature"
import { awardReviewPointsWorkflow } from "../../../src/workflows/review-rewards/workflows/award-review-points"
import { engagementOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { eventually } from "../../helpers/stand-ins"
import { createAdminHeaders, NOTEBOOK, PEN, shopperOrder } from "../../helpers/store"

jest.setTimeout(240_000)

const SECRET = "review-webhook-secret-with-enough-entropy-8d1f3b"
const ENV: Record<string, string> = {
  ENGAGEMENT_REVIEW_WEBHOOK: "true",
  ENGAGEMENT_REVIEW_WEBHOOK_SECRET: SECRET,
  ENGAGEMENT_REVIEW_WEBHOOK_POINTS: "75",
}
beforeAll(() => Object.assign(process.env, ENV))
afterAll(() => {
  for (const name of Object.keys(ENV)) {
    delete process.env[name]
  }
})

const URL = "/engagement/webhooks/reviews"

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const reviewRows = async (customerId: string) =>
      (await loyalty().listLoyaltyTransactions({ customer_id: customerId, type: "adjust" })).filter((row) =>
        row.idempotency_key.startsWith("review:")
      )
    const now = () => String(Math.floor(Date.now() / 1000))

    /** Posts the exact bytes with the signature headers, as a review platform would. */
    async function deliver(body: string, options: { secret?: string; timestamp?: string; signedBody?: string } = {}) {
      const timestamp = options.timestamp ?? now()
      const signature = signReviewWebhook(options.signedBody ?? body, timestamp, options.secret ?? SECRET)
      return await responseOf(
        api.post(URL, body, {
          headers: {
            "content-type": "application/json",
            "x-engagement-timestamp": timestamp,
            "x-engagement-signature": signature,
          },
        })
      )
    }

    async function purchase(email: string) {
      const { session, order } = await shopperOrder(api, seeded.store, email, [
        [PEN, 1],
        [NOTEBOOK, 1],
      ])
      const items = order.items as { id: string; product_id: string; product_title: string }[]
      return { session, order, pen: items.find((i) => i.product_title === "Fountain Pen")! }
    }

    it("awards the configured points once per order line, however often the review is delivered", async () => {
      const { session, order, pen } = await purchase("ada@example.com")
      const body = JSON.stringify({ order_id: order.id, line_item_id: pen.id, review_id: "rev-1" })
      const timestamp = now()

      const first = await deliver(body, { timestamp })
      expect([first.status, first.data]).toEqual([
        201,
        { awarded: true, points: 75, order_id: order.id, line_item_id: pen.id },
      ])
      // the same signed call again: a replay
      const replay = await deliver(body, { timestamp })
      expect([replay.status, replay.data.message]).toEqual([
        409,
        "x-engagement-signature: this signed call was already received",
      ])
      // the platform delivers the review again, signed anew: accepted, nothing more awarded
      const again = await deliver(body, { timestamp: String(Number(timestamp) + 1) })
      expect([again.status, again.data.awarded]).toEqual([200, false])
      // the same product named by customer and product: the same line, nothing more
      const byProduct = await deliver(JSON.stringify({ customer_id: session.customerId, product_id: pen.product_id }))
      expect([byProduct.status, byProduct.data.awarded, byProduct.data.line_item_id]).toEqual([200, false, pen.id])

      const rows = await reviewRows(session.customerId)
      expect(rows).toEqual([
        expect.objectContaining({
          points: 75,
          order_id: order.id,
          line_item_id: pen.id,
          idempotency_key: `review:${pen.id}`,
          actor_type: "review_webhook",
        }),
      ])
      const admin = await createAdminHeaders(getContainer())
      const summary = await api.get(`/admin/engagement/contacts/${session.customerId}/loyalty`, admin)
      expect(summary.data.loyalty.balance + summary.data.loyalty.pending).toBeGreaterThanOrEqual(75)
    })

    it("refuses a tampered body, a wrong secret, a stale timestamp and a product not bought, and awards nothing", async () => {
      const { session, order, pen } = await purchase("careful@example.com")
      const signed = JSON.stringify({ order_id: order.id, line_item_id: pen.id })
      const lamp = seeded.store.products[2]

      const tampered = await deliver(signed.replace(pen.id, `${pen.id} `), { signedBody: signed })
      expect([tampered.status, tampered.data.message]).toEqual([401, "x-engagement-signature: does not match the body"])
      const wrongSecret = await deliver(signed, { secret: `${SECRET}-not-ours` })
      expect([wrongSecret.status, wrongSecret.data.message]).toEqual([
        401,
        "x-engagement-signature: does not match the body",
      ])
      const stale = await deliver(signed, { timestamp: String(Math.floor(Date.now() / 1000) - 6 * 60) })
      expect([stale.status, stale.data.message]).toEqual([
        401,
        "x-engagement-timestamp: too old or in the future: the call is refused",
      ])
      const unsigned = await responseOf(api.post(URL, JSON.parse(signed)))
      expect(unsigned.status).toBe(401)

      const notBought = await deliver(JSON.stringify({ customer_id: session.customerId, product_id: lamp.id }))
      expect(notBought.status).toBe(400)
      expect(notBought.data.message).toMatch(/^product_id: /)
      const otherLine = await deliver(JSON.stringify({ order_id: order.id, line_item_id: "ordli_not_in_this_order" }))
      expect([otherLine.status, otherLine.data.message]).toEqual([400, "line_item_id: not a line of this order"])

      // a canceled order earns nothing either
      const admin = await createAdminHeaders(getContainer())
      await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
      await eventually(async () =>
        (await api.get(`/admin/orders/${order.id}?fields=status`, admin)).data.order.status === "canceled"
          ? true
          : undefined
      )
      const canceled = await deliver(signed)
      expect([canceled.status, canceled.data.message]).toEqual([400, "order_id: the order is canceled"])

      expect(await reviewRows(session.customerId)).toEqual([])
      expect(await engagementOf(getContainer()).listReviewWebhookReceipts({})).toEqual([])
    })

    it("takes back the noted signature when the award after it fails, so the platform can deliver again", async () => {
      const { session, order, pen } = await purchase("undo@example.com")
      // a ledger refusal after the receipt: more points taken than the account holds
      const failed = await awardReviewPointsWorkflow(getContainer())
        .run({
          input: {
            order_id: order.id,
            line_item_id: pen.id,
            signature: "sha256=undo",
            points: -1_000_000,
            expires_at: null,
          },
        })
        .then(
          () => null,
          (error: { message?: string }) => error
        )
      expect(failed).toEqual(
        expect.objectContaining({ message: expect.stringContaining("would take the balance below zero") })
      )
      expect(await engagementOf(getContainer()).listReviewWebhookReceipts({ signature: "sha256=undo" })).toEqual([])
      expect(await reviewRows(session.customerId)).toEqual([])
      const delivered = await deliver(JSON.stringify({ order_id: order.id, line_item_id: pen.id }))
      expect([delivered.status, delivered.data.awarded]).toEqual([201, true])
    })

    it("awards nothing for a line whose every unit came back", async () => {
      const { session, order, pen } = await purchase("returns@example.com")
      const admin = await createAdminHeaders(getContainer())
      const items = order.items as { id: string; quantity: number }[]
      await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        {
          location_id: seeded.store.stockLocationId,
          items: items.map((item) => ({ id: item.id, quantity: item.quantity })),
        },
        admin
      )
      const { data: begun } = await api.post(
        "/admin/returns",
        { order_id: order.id, location_id: seeded.store.stockLocationId },
        admin
      )
      const returnId = begun.return.id
      await api.post(`/admin/returns/${returnId}/request-items`, { items: [{ id: pen.id, quantity: 1 }] }, admin)
      await api.post(`/admin/returns/${returnId}/request`, {}, admin)
      await api.post(`/admin/returns/${returnId}/receive`, {}, admin)
      await api.post(`/admin/returns/${returnId}/receive-items`, { items: [{ id: pen.id, quantity: 1 }] }, admin)
      await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, admin)

      const returned = await deliver(JSON.stringify({ order_id: order.id, line_item_id: pen.id }))
      expect([returned.status, returned.data.message]).toEqual([400, "line_item_id: the line was returned"])
      const byProduct = await deliver(JSON.stringify({ customer_id: session.customerId, product_id: pen.product_id }))
      expect(byProduct.status).toBe(400)
      // the notebook of the same order was kept: it earns
      const notebook = items.find((item) => item.id !== pen.id)!
      const kept = await deliver(JSON.stringify({ order_id: order.id, line_item_id: notebook.id }))
      expect([kept.status, kept.data.awarded]).toEqual([201, true])
      expect((await reviewRows(session.customerId)).map((row) => row.line_item_id)).toEqual([notebook.id])
    })
  },
})
