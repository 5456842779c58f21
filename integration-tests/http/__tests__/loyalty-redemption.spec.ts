import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import type { ExecArgs } from "@medusajs/framework/types"
import loyaltyMaintenance from "../../../src/jobs/loyalty-maintenance"
import verifyLoyaltyLedger from "../../../src/scripts/verify-loyalty-ledger"
import { verifyOrderRedemptions } from "../../../src/workflows/loyalty/utils/verify-order-redemptions"
import { loyaltyOf, loyaltyRowsOf, loyaltySummaryOf, createShopperWithPoints } from "../../helpers/engagement"
import { eventually } from "../../helpers/stand-ins"
import { createShippableCart, placeOrder, RequestConfig } from "../../helpers/store"

jest.setTimeout(240_000)

engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    const loyalty = () => loyaltyOf(getContainer())
    const errorResponse = (error: { response: { status: number; data: any } }) => error.response
    const pen = () => seeded.store.products[0].variants[0].id
    const shopperWithPoints = (email: string, points: number) =>
      createShopperWithPoints(api, seeded.store, seeded.admin, email, points)
    /** A cart with `quantity` pens (19.99 EUR each), addressed, with shipping: ready to pay. */
    const cartOf = (session: RequestConfig, quantity = 1) =>
      createShippableCart(api, seeded.store, {
        customerHeaders: session.headers,
        items: [{ variant_id: pen(), quantity }],
      })
    const summaryOf = (session: RequestConfig) => loyaltySummaryOf(api, session)

    it("takes exactly the points' value off the cart, its payment and the order, and redeems once for the order", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      let before = 0
      let after = 0
      const order = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [{ variant_id: pen(), quantity: 2 }],
        beforePayment: async (cartId) => {
          before = (await api.get(`/store/carts/${cartId}`, ada)).data.cart.total
          const { data } = await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 550 }, ada)
          after = data.cart.total
          expect(data.cart.credit_line_total).toBe(5.5)
          const { data: held } = await api.get(`/store/carts/${cartId}/loyalty-points`, ada)
          // earned on the money paid: 39.98 less the 5.50 the points pay
          expect(held.loyalty).toMatchObject({ applied: 550, spendable: 1000, earnable: 34 })
          expect(await summaryOf(ada)).toMatchObject({ balance: 450, reserved: 550 })
        },
      })
      expect(Math.round((before - after) * 100)).toBe(550)
      expect(order.total).toBe(after)
      const { data: paid } = await api.get(`/admin/orders/${order.id}?fields=payment_collections.amount`, seeded.admin)
      expect(paid.order.payment_collections[0].amount).toBe(after)
      const redeemed = await loyaltyRowsOf(getContainer(), { order_id: order.id, type: "redeem" })
      expect(redeemed.map((row) => row.points)).toEqual([-550])
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "order.placed", data: { id: order.id } })
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await loyalty().listLoyaltyTransactions({ order_id: order.id, type: "redeem" })).toHaveLength(1)
      // 450 left, plus what the order earned on the money paid (39.98 − 5.50: 34), once its award (a subscriber) has run
      const earned = await loyaltyRowsOf(getContainer(), { order_id: order.id, type: "earn" })
      expect(earned.reduce((sum, row) => sum + Number(row.points), 0)).toBe(34)
      expect(await summaryOf(ada)).toMatchObject({ balance: 484, reserved: 0, total_redeemed: 550 })

      // a canceled order gives its redeemed points back, once
      await api.post(`/admin/orders/${order.id}/cancel`, {}, seeded.admin)
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "order.canceled", data: { id: order.id } })
      const restored = await eventually(async () => {
        const current = await summaryOf(ada)
        return current.balance === 1000 ? current : undefined
      })
      expect(restored).toMatchObject({ balance: 1000, total_redeemed: 0 })
      expect(await loyalty().listLoyaltyTransactions({ order_id: order.id, type: "restore" })).toHaveLength(1)
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    it("replaces the points on a second apply, gives them back on removal, and refuses bad amounts changing nothing", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      const cartId = await cartOf(ada, 3) // 59.97 + shipping
      await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 300 }, ada)
      const { data } = await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 200 }, ada)
      expect(data.cart.credit_line_total).toBe(2)
      expect(await summaryOf(ada)).toMatchObject({ balance: 800, reserved: 200 })
      const { data: asAdmin } = await api.get(`/admin/engagement/contacts/${ada.customerId}/loyalty`, seeded.admin)
      expect(asAdmin.loyalty.holds).toEqual([
        expect.objectContaining({ cart_id: cartId, points: 200, amount: "2.00", currency_code: "eur" }),
      ])

      for (const [body, message] of [
        [{ points: 0 }, "points"],
        [{ points: -5 }, "points"],
        [{ points: 1.5 }, "points"],
        [{ points: "100" }, "points"],
        [{ points: 5000 }, "points: 5000 is more than the spendable balance of 1000"],
        [{ points: 100, customer_id: "cus_x" }, "customer_id"],
      ] as const) {
        const answer = await api.post(`/store/carts/${cartId}/loyalty-points`, body, ada).catch(errorResponse)
        expect([answer.status, answer.data.message]).toEqual([400, expect.stringContaining(message)])
      }
      expect(await summaryOf(ada)).toMatchObject({ balance: 800, reserved: 200 })
      expect((await api.get(`/store/carts/${cartId}`, ada)).data.cart.credit_line_total).toBe(2)

      const { data: removed } = await api.delete(`/store/carts/${cartId}/loyalty-points`, ada)
      expect(removed.cart.credit_line_total).toBe(0)
      expect(await summaryOf(ada)).toMatchObject({ balance: 1000, reserved: 0 })
    })

    it("refuses another shopper's cart and a guest cart, changing nothing", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      const bob = await shopperWithPoints("bob@example.com", 1000)
      const adasCart = await cartOf(ada)
      const asBob = await api.post(`/store/carts/${adasCart}/loyalty-points`, { points: 100 }, bob).catch(errorResponse)
      expect(asBob.status).toBe(404)
      const { data: guest } = await api.post(
        "/store/carts",
        { region_id: seeded.store.regionId },
        { headers: { "x-publishable-api-key": seeded.store.publishableKey } }
      )
      const asGuestCart = await api
        .post(`/store/carts/${guest.cart.id}/loyalty-points`, { points: 100 }, bob)
        .catch(errorResponse)
      expect(asGuestCart.status).toBe(400)
      const anonymous = await api
        .post(
          `/store/carts/${adasCart}/loyalty-points`,
          { points: 100 },
          { headers: { "x-publishable-api-key": seeded.store.publishableKey } }
        )
        .catch(errorResponse)
      expect(anonymous.status).toBe(401)
      expect(await summaryOf(bob)).toMatchObject({ balance: 1000, reserved: 0 })
      expect((await api.get(`/store/carts/${adasCart}`, ada)).data.cart.credit_line_total).toBe(0)
    })

    it("never lets ten carts racing for the same points hold more than the account has", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      const carts = []
      for (let i = 0; i < 10; i++) {
        carts.push(await cartOf(ada))
      }
      const answers = await Promise.all(
        carts.map((cartId) =>
          api.post(`/store/carts/${cartId}/loyalty-points`, { points: 300 }, ada).catch(errorResponse)
        )
      )
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(3)
      expect(answers.filter((answer) => answer.status === 400)).toHaveLength(7)
      expect(await summaryOf(ada)).toMatchObject({ balance: 100, reserved: 900 })
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    it("gives an abandoned cart's points back through the maintenance job, and its credit line goes", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      const cartId = await cartOf(ada)
      await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 400 }, ada)
      const [hold] = await loyalty().listLoyaltyReservations({ cart_id: cartId })
      await loyalty().updateLoyaltyReservations([{ id: hold.id, expires_at: new Date(Date.now() - 1000) }])
      await loyaltyMaintenance(getContainer())
      expect(await summaryOf(ada)).toMatchObject({ balance: 1000, reserved: 0 })
      expect((await api.get(`/store/carts/${cartId}`, ada)).data.cart.credit_line_total).toBe(0)
    })

    it("refuses to complete a cart whose points are no longer held for it", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      const refused = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [{ variant_id: pen(), quantity: 1 }],
        beforePayment: async (cartId) => {
          await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 500 }, ada)
          await loyalty().releaseLoyaltyReservation(cartId)
        },
      }).catch((error: { response?: { data?: { message?: string } } }) => error.response?.data?.message)
      expect(String(refused)).toContain("no longer held")
      expect(await summaryOf(ada)).toMatchObject({ balance: 1000, reserved: 0 })
    })

    /** Sets up payment for the cart as a storefront does (again, after its total changed). */
    async function setUpPayment(session: RequestConfig, cartId: string) {
      const { data } = await api.post("/store/payment-collections", { cart_id: cartId }, session)
      await api.post(
        `/store/payment-collections/${data.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_system_default" },
        session
      )
    }

    it("refuses to complete a cart holding 1,500 points once the admin blocked the shopper, gives them back, and completes without them", async () => {
      const ada = await shopperWithPoints("ada@example.com", 2000)
      const cartId = await cartOf(ada, 3)
      const before = (await api.get(`/store/carts/${cartId}`, ada)).data.cart.total
      await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 1500 }, ada)
      await setUpPayment(ada, cartId)
      expect(await summaryOf(ada)).toMatchObject({ balance: 500, reserved: 1500 })

      await api.post(
        `/admin/engagement/contacts/${ada.customerId}/loyalty/block`,
        { reason: "fraud check" },
        seeded.admin
      )
      const refused = await api.post(`/store/carts/${cartId}/complete`, {}, ada).catch(errorResponse)
      expect([refused.status, refused.data.message]).toEqual([
        400,
        expect.stringContaining("loyalty spending is blocked for this account"),
      ])
      // the hold is given back and the credit line gone: the cart costs its full price again
      expect(await summaryOf(ada)).toMatchObject({ balance: 2000, reserved: 0, total_redeemed: 0 })
      const { data: refusedCart } = await api.get(`/store/carts/${cartId}`, ada)
      expect(refusedCart.cart).toMatchObject({ completed_at: null, credit_line_total: 0, total: before })
      expect((await loyalty().listLoyaltyReservations({ cart_id: cartId })).map((row) => row.status)).toEqual([
        "released",
      ])

      // the shopper sets up payment for the new total and completes without points
      await setUpPayment(ada, cartId)
      const { data: completed } = await api.post(`/store/carts/${cartId}/complete`, {}, ada)
      expect(completed.type).toBe("order")
      expect(completed.order.total).toBe(before)
      const { data: paid } = await api.get(
        `/admin/orders/${completed.order.id}?fields=payment_collections.amount`,
        seeded.admin
      )
      expect(paid.order.payment_collections[0].amount).toBe(before)
      await loyaltyRowsOf(getContainer(), { order_id: completed.order.id, type: "earn" })
      expect(await loyalty().listLoyaltyTransactions({ order_id: completed.order.id, type: "redeem" })).toHaveLength(0)
      expect(await summaryOf(ada)).toMatchObject({ reserved: 0, total_redeemed: 0 })
      expect(await loyalty().verifyLedger()).toEqual([])
      expect(await verifyOrderRedemptions(getContainer())).toEqual([])
    })

    it("redeems a completed cart's held points even when the block came after its completion was allowed", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      const cartId = await cartOf(ada)
      await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 500 }, ada)
      // the admin blocks between the completion's decision and order.placed: the order's redeem row is still written
      await api.post(
        `/admin/engagement/contacts/${ada.customerId}/loyalty/block`,
        { reason: "fraud check" },
        seeded.admin
      )
      await loyalty().commitLoyaltyReservation(cartId, "order_placed_after_the_block")
      const redeemed = await loyalty().listLoyaltyTransactions({ order_id: "order_placed_after_the_block" })
      expect(redeemed.map((row) => [row.type, row.points])).toEqual([["redeem", -500]])
      expect(await summaryOf(ada)).toMatchObject({ balance: 500, reserved: 0, total_redeemed: 500 })
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    it("has the verify command report an order whose credit line has no redeem row and a completed cart still holding points", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      let cartId = ""
      const order = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [{ variant_id: pen(), quantity: 1 }],
        beforePayment: async (id) => {
          cartId = id
          await api.post(`/store/carts/${id}/loyalty-points`, { points: 550 }, ada)
        },
      })
      const [redeem] = await loyaltyRowsOf(getContainer(), { order_id: order.id, type: "redeem" })
      expect(await verifyOrderRedemptions(getContainer())).toEqual([])

      // as if order.placed had failed: no redeem row, the cart's points still held
      await loyalty().softDeleteLoyaltyTransactions([redeem.id])
      const [hold] = await loyalty().listLoyaltyReservations({ cart_id: cartId })
      await loyalty().updateLoyaltyReservations([{ id: hold.id, status: "held" }])
      expect(await verifyOrderRedemptions(getContainer())).toEqual(
        expect.arrayContaining([
          { customer_id: ada.customerId, field: `points held for completed cart ${cartId}`, stored: 550, ledger: 0 },
          {
            customer_id: ada.customerId,
            field: `order ${order.id}: loyalty credit line against its redeem rows (0)`,
            stored: 550,
            ledger: 0,
          },
        ])
      )
      await expect(verifyLoyaltyLedger({ container: getContainer() } as ExecArgs)).rejects.toThrow("difference")
    })

    it("refuses to complete a cart that shrank below the value of its points, until they are applied again", async () => {
      const ada = await shopperWithPoints("ada@example.com", 10_000)
      const refused = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [{ variant_id: pen(), quantity: 3 }],
        beforePayment: async (cartId) => {
          const { data } = await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 6000 }, ada)
          expect(data.cart.credit_line_total).toBe(60)
          const line = data.cart.items[0]
          await api.post(`/store/carts/${cartId}/line-items/${line.id}`, { quantity: 1 }, ada)
        },
      }).catch((error: { response?: { data?: { message?: string } } }) => error.response?.data?.message)
      expect(String(refused)).toContain("worth more than the cart")
      expect(await summaryOf(ada)).toMatchObject({ balance: 4000, reserved: 6000 })
    })
  },
})
