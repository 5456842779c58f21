import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { reverseRefundPointsWorkflow } from "../../../src/workflows/loyalty/workflows/reverse-refund-points"
import { loyaltyOf, loyaltyRowsOf, loyaltySummaryOf } from "../../helpers/engagement"
import { eventually } from "../../helpers/stand-ins"
import {
  createShopper,
  LAMP,
  linesOf,
  NOTEBOOK,
  orderPaymentOf,
  PEN,
  placeOrder,
  receiveReturn,
} from "../../helpers/store"

jest.setTimeout(240_000)

// 10 points per euro: enough points on an order for a refund's share to be more than rounding
process.env.LOYALTY_OPTIONS = JSON.stringify({ earn: { points_per_unit: { default: 10 } } })

/** Refunds take back the points earned on the money given back: `POST /admin/payments/:id/refund`. */
engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    const loyalty = () => loyaltyOf(getContainer())
    const cents = (amount: number) => Math.round(amount * 100)

    /** A shopper's order of `lines`, its earned points once written, and its payment captured. */
    async function capturedOrder(email: string, lines: [number, number][]) {
      const session = await createShopper(api, seeded.store, email)
      const order = await placeOrder(api, seeded.store, {
        email,
        customerHeaders: session.headers,
        items: linesOf(seeded.store, lines),
      })
      const earns = await loyaltyRowsOf(getContainer(), { order_id: order.id, type: "earn" })
      const payment = await orderPaymentOf(api, seeded.admin, order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, {}, seeded.admin)
      const earned = earns.reduce((sum, row) => sum + row.points, 0)
      return { session, order, earns, earned, payment, captured: cents(payment.amount) }
    }
    const refund = (paymentId: string, amount: number) =>
      api.post(`/admin/payments/${paymentId}/refund`, { amount }, seeded.admin)
    const reversedOn = async (orderId: string) =>
      (await loyalty().listLoyaltyTransactions({ order_id: orderId, type: "reverse" })).reduce(
        (sum, row) => sum - row.points + Math.max(0, row.debt_change) + row.written_off,
        0
      )
    /** Waits until the order's reversals add up to `points`. */
    const awaitReversed = (orderId: string, points: number) =>
      eventually(async () => ((await reversedOn(orderId)) === points ? true : undefined))
    const refundIdsOf = async (orderId: string) =>
      ((await orderPaymentOf(api, seeded.admin, orderId)).refunds as { id: string }[]).map((row) => row.id)

    it("takes back every point an order earned on a full refund, once however often the refund arrives", async () => {
      const { session, order, earned, payment } = await capturedOrder("ada@example.com", [
        [PEN, 2],
        [NOTEBOOK, 1],
      ])
      expect(earned).toBeGreaterThan(0)
      expect((await loyaltySummaryOf(api, session)).balance).toBe(earned)

      await refund(payment.id, payment.amount)
      await awaitReversed(order.id, earned)

      // the event again, twice, and the workflow a reconciliation job calls by refund id: nothing more
      const bus = getContainer().resolve(Modules.EVENT_BUS)
      await bus.emit({ name: "payment.refunded", data: { id: payment.id } })
      await bus.emit({ name: "payment.refunded", data: { id: payment.id } })
      const [refundId] = await refundIdsOf(order.id)
      const { result } = await reverseRefundPointsWorkflow(getContainer()).run({ input: { refund_id: refundId } })
      expect(result.results.filter((row) => row.applied)).toEqual([])
      await new Promise((resolve) => setTimeout(resolve, 500))

      const reversals = await loyalty().listLoyaltyTransactions({ order_id: order.id, type: "reverse" })
      expect(reversals).toHaveLength(order.items.length)
      expect(reversals.map((row) => row.idempotency_key).sort()).toEqual(
        order.items.map((item: { id: string }) => `refund:${refundId}:${item.id}`).sort()
      )
      expect(await loyaltySummaryOf(api, session)).toMatchObject({ balance: 0, debt: 0, lifetime_points: 0 })
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    it("takes back a partial refund's share at the points the order earned, cumulatively, and a cancel after only the rest", async () => {
      const { session, order, earned, payment, captured } = await capturedOrder("ada@example.com", [
        [PEN, 3],
        [NOTEBOOK, 2],
      ])
      // the rule changes after the order: refunds still take back what the order's lines earned
      const rates = loyalty().options.earn.points_per_unit
      rates.default = 100
      try {
        await refund(payment.id, 20)
        const first = Math.floor((earned * 2000) / captured)
        expect(first).toBeGreaterThan(0)
        await awaitReversed(order.id, first)

        await refund(payment.id, 15.5)
        const both = Math.floor((earned * 3550) / captured)
        await awaitReversed(order.id, both)
        expect((await loyaltySummaryOf(api, session)).balance).toBe(earned - both)

        // the cancel refunds what is left and takes back the rest of the points, never the refunded share again
        await api.post(`/admin/orders/${order.id}/cancel`, {}, seeded.admin)
        await awaitReversed(order.id, earned)
        await new Promise((resolve) => setTimeout(resolve, 500))
        expect(await reversedOn(order.id)).toBe(earned)
        expect(await loyaltySummaryOf(api, session)).toMatchObject({ balance: 0, debt: 0 })
        expect(await loyalty().verifyLedger()).toEqual([])
      } finally {
        rates.default = 10
      }
    })

    it("never takes back the money of a refund and the return it paid for twice, in either order", async () => {
      const returnPen = async (order: {
        id: string
        items: { id: string; variant_id: string; quantity: number }[]
      }) => {
        await api.post(
          `/admin/orders/${order.id}/fulfillments`,
          {
            location_id: seeded.store.stockLocationId,
            items: order.items.map((i) => ({ id: i.id, quantity: i.quantity })),
          },
          seeded.admin
        )
        const pen = order.items.find((item) => item.variant_id === seeded.store.products[PEN].variants[0].id)!
        await receiveReturn(api, seeded.store, seeded.admin, order.id, [{ id: pen.id, quantity: 1 }])
        return pen
      }
      const penPrice = seeded.store.products[PEN].variants[0].prices.eur

      // the refund of a pen's price first, then the pen comes back: the larger of the two, once
      const ada = await capturedOrder("ada@example.com", [
        [PEN, 2],
        [LAMP, 1],
      ])
      await refund(ada.payment.id, penPrice)
      const refunded = Math.floor((ada.earned * cents(penPrice)) / ada.captured)
      await awaitReversed(ada.order.id, refunded)
      const pen = await returnPen(ada.order)
      const penEarned = ada.earns.find((row) => row.line_item_id === pen.id)!.points
      const returned = Math.floor(penEarned / 2)
      await awaitReversed(ada.order.id, Math.max(refunded, returned))

      // the pen back first, then its price refunded: the refund finds nothing left to take
      const bob = await capturedOrder("bob@example.com", [
        [PEN, 2],
        [LAMP, 1],
      ])
      await returnPen(bob.order)
      await awaitReversed(bob.order.id, returned)
      await refund(bob.payment.id, penPrice)
      const [refundId] = await refundIdsOf(bob.order.id)
      await reverseRefundPointsWorkflow(getContainer()).run({ input: { refund_id: refundId } })
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await reversedOn(bob.order.id)).toBe(Math.max(refunded, returned))
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    it("answers a refund id that does not exist with NOT_FOUND naming the field", async () => {
      const run = reverseRefundPointsWorkflow(getContainer()).run({ input: { refund_id: "ref_missing" } })
      // the workflow engine rejects with the step's error as a plain object (not an Error instance)
      await expect(run).rejects.toMatchObject({ message: expect.stringContaining("refund_id: no refund") })
    })
  },
})
