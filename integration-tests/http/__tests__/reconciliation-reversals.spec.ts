import { Modules } from "@medusajs/framework/utils"
import type { Knex } from "knex"
import { reconcileOrders } from "../../../src/workflows/reconciliation/reconcile-orders"
import { engagementOf, loyaltyRowsOf } from "../../helpers/engagement"
import { dropEvents, orderWorkOf } from "../../helpers/order-work"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders, createShopper, linesOf, orderPaymentOf, PEN, placeOrder } from "../../helpers/store"
import { engagementSuite } from "../../helpers/suite"

jest.setTimeout(240_000)

// as in reconciliation.spec.ts: no grace period, and the job itself never ticks during the file, so
// only the tests' own runs repair
useTestPlatforms({ ENGAGEMENT_RECONCILIATION_GRACE: "0s", ENGAGEMENT_RECONCILIATION_INTERVAL: "1d" })

/** Reconciliation of the events after an order's placement: a cancel or a refund whose event was lost. */
engagementSuite({
  testSuite: ({ api, getContainer, dbConnection }, seeded) => {
    const knex = () => dbConnection as Knex

    it("reverses the points and stops the journeys of an order whose order.canceled was lost, once", async () => {
      const session = await createShopper(api, seeded.store, "cancel@example.com")
      const order = await placeOrder(api, seeded.store, {
        email: "cancel@example.com",
        customerHeaders: session.headers,
        items: linesOf(seeded.store, [[PEN, 1]]),
      })
      await eventually(async () => (await orderWorkOf(knex(), [order.id]))[order.id].earn_rows === 1)
      await reconcileOrders(getContainer())

      const admin = await createAdminHeaders(getContainer())
      const restore = dropEvents(getContainer().resolve(Modules.EVENT_BUS), ["order.canceled"])
      try {
        await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
      } finally {
        restore()
      }
      const rows = () => loyaltyRowsOf(getContainer(), { customer_id: session.customerId })
      expect((await rows()).filter((row) => row.type === "reverse")).toEqual([])

      const first = await reconcileOrders(getContainer())
      await reconcileOrders(getContainer())

      const ledger = await rows()
      const earned = ledger.filter((row) => row.type === "earn").reduce((sum, row) => sum + row.points, 0)
      const reversed = ledger.filter((row) => row.type === "reverse")
      expect(reversed).toHaveLength(1)
      expect(reversed[0].points).toBe(-earned)
      expect(first.repaired.map((repair) => repair.kind).sort()).toEqual([
        "journeys_canceled",
        "loyalty_cancel_reversal",
        "order_facts_canceled",
        "review_request_canceled",
      ])
      // Rejoiner (set to stop journeys when an order is canceled) is told once
      const stops = (await engagementOf(getContainer()).listDeliveries({ order_id: order.id })).filter((row) =>
        row.idempotency_key.startsWith("journey-cancel:")
      )
      expect(stops.map((row) => [row.platform, row.payload])).toEqual([["rejoiner", { email: "cancel@example.com" }]])
      const [fact] = await engagementOf(getContainer()).listOrderFacts({ order_id: order.id })
      expect(fact.canceled_at).not.toBeNull()
      const [request] = await engagementOf(getContainer()).listReviewRequests({ order_id: order.id })
      expect(request.status).toBe("canceled")
    })

    it("takes back the points of a refund whose payment.refunded was lost, once, and a late event adds nothing", async () => {
      const session = await createShopper(api, seeded.store, "refund@example.com")
      const order = await placeOrder(api, seeded.store, {
        email: "refund@example.com",
        customerHeaders: session.headers,
        items: linesOf(seeded.store, [[PEN, 2]]),
      })
      await eventually(async () => (await orderWorkOf(knex(), [order.id]))[order.id].earn_rows === 1)
      await reconcileOrders(getContainer())
      const admin = await createAdminHeaders(getContainer())
      const payment = await orderPaymentOf(api, admin, order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
      const bus = getContainer().resolve(Modules.EVENT_BUS)
      const restore = dropEvents(bus, ["payment.refunded"])
      try {
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: payment.amount }, admin)
      } finally {
        restore()
      }
      const rows = () => loyaltyRowsOf(getContainer(), { customer_id: session.customerId })
      expect((await rows()).filter((row) => row.type === "reverse")).toEqual([])

      const first = await reconcileOrders(getContainer())
      const second = await reconcileOrders(getContainer())
      await bus.emit({ name: "payment.refunded", data: { id: payment.id } })
      await new Promise((resolve) => setTimeout(resolve, 1000))

      const ledger = await rows()
      const earned = ledger.filter((row) => row.type === "earn").reduce((sum, row) => sum + row.points, 0)
      const reversed = ledger.filter((row) => row.type === "reverse")
      expect(earned).toBeGreaterThan(0)
      expect(reversed).toHaveLength(1)
      expect(reversed[0].points).toBe(-earned)
      expect(first.repaired.filter((repair) => repair.kind === "loyalty_refund_reversal")).toHaveLength(1)
      expect(second.repaired).toEqual([])
    })
  },
})
