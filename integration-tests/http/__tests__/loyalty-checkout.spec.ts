import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createRegionsWorkflow,
  createShippingOptionsWorkflow,
  createTaxRegionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { engagementSuite } from "../../helpers/suite"
import {
  adjustPoints,
  loyaltyOf,
  loyaltyRowsOf,
  loyaltySummaryOf,
  createShopperWithPoints,
} from "../../helpers/engagement"
import { eventually } from "../../helpers/stand-ins"
import { createShippableCart, orderPaymentOf, placeOrder, RequestConfig } from "../../helpers/store"

jest.setTimeout(240_000)

/** Checkouts paid partly with points: a zero-decimal currency, a refund of such an order, automatic spend. */
engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    const loyalty = () => loyaltyOf(getContainer())
    const errorResponse = (error: { response: { status: number; data: any } }) => error.response
    const pen = () => seeded.store.products[0].variants[0]
    const summaryOf = (session: RequestConfig) => loyaltySummaryOf(api, session)

    const shopperWithPoints = (email: string, points: number) =>
      createShopperWithPoints(api, seeded.store, seeded.admin, email, points)

    /** A Japanese region (JPY, no minor unit) shipping from the demo's location: 800 JPY shipping, the pen at 3000 JPY. */
    async function japan(): Promise<string> {
      const container = getContainer()
      const { result: regions } = await createRegionsWorkflow(container).run({
        input: {
          regions: [
            { name: "Japan", currency_code: "jpy", countries: ["jp"], payment_providers: ["pp_system_default"] },
          ],
        },
      })
      await createTaxRegionsWorkflow(container).run({ input: [{ country_code: "jp", provider_id: "tp_system" }] })
      const fulfillment = container.resolve(Modules.FULFILLMENT)
      const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "stock_location",
        fields: ["fulfillment_sets.id"],
        filters: { id: seeded.store.stockLocationId },
      })
      const zone = await fulfillment.createServiceZones({
        name: "Japan",
        fulfillment_set_id: data[0].fulfillment_sets[0].id,
        geo_zones: [{ type: "country", country_code: "jp" }],
      })
      await createShippingOptionsWorkflow(container).run({
        input: [
          {
            name: "Japan Post",
            price_type: "flat",
            provider_id: "manual_manual",
            service_zone_id: zone.id,
            shipping_profile_id: seeded.store.shippingProfileId,
            type: { label: "Standard", description: "Japan Post", code: "jp-standard" },
            prices: [{ currency_code: "jpy", amount: 800 }],
            rules: [
              { attribute: "enabled_in_store", value: "true", operator: "eq" },
              { attribute: "is_return", value: "false", operator: "eq" },
            ],
          },
        ],
      })
      const variant = pen()
      await api.post(
        `/admin/products/${seeded.store.products[0].id}/variants/${variant.id}`,
        {
          prices: [
            ...Object.entries(variant.prices).map(([currency_code, amount]) => ({ currency_code, amount })),
            { currency_code: "jpy", amount: 3000 },
          ],
        },
        seeded.admin
      )
      return regions[0].id
    }

    it("takes exactly the points' value off a JPY cart and its order (100 points = 1 JPY, no minor unit)", async () => {
      const regionId = await japan()
      const ada = await shopperWithPoints("ada@example.com", 100_000)
      let before = 0
      const order = await placeOrder(
        api,
        { ...seeded.store, regionId },
        {
          email: "ada@example.com",
          customerHeaders: ada.headers,
          countryCode: "jp",
          items: [{ variant_id: pen().id, quantity: 2 }],
          beforePayment: async (cartId) => {
            before = (await api.get(`/store/carts/${cartId}`, ada)).data.cart.total
            // a JPY amount has no fraction: points come in whole yen (multiples of 100)
            const fraction = await api
              .post(`/store/carts/${cartId}/loyalty-points`, { points: 55_050 }, ada)
              .catch(errorResponse)
            expect([fraction.status, fraction.data.message]).toEqual([
              400,
              expect.stringContaining("multiple of 100 for JPY"),
            ])
            const { data } = await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 55_000 }, ada)
            expect(data.cart.currency_code).toBe("jpy")
            expect(data.cart.credit_line_total).toBe(550)
            expect(data.cart.total).toBe(before - 550)
          },
        }
      )
      expect(before).toBe(6800)
      expect(order.currency_code).toBe("jpy")
      expect(order.total).toBe(6250)
      const { data: paid } = await api.get(`/admin/orders/${order.id}?fields=payment_collections.amount`, seeded.admin)
      expect(paid.order.payment_collections[0].amount).toBe(6250)
      const redeemed = await loyaltyRowsOf(getContainer(), { order_id: order.id, type: "redeem" })
      expect(redeemed.map((row) => row.points)).toEqual([-55_000])
      expect(await summaryOf(ada)).toMatchObject({ reserved: 0, total_redeemed: 55_000 })
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    it("refunds only the money part of an order paid partly with points: the points it earned go back, its redeemed points stay spent", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      let before = 0
      const order = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [{ variant_id: pen().id, quantity: 2 }],
        beforePayment: async (cartId) => {
          before = (await api.get(`/store/carts/${cartId}`, ada)).data.cart.total
          await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 550 }, ada)
        },
      })
      const moneyPart = order.total
      expect(Math.round((before - moneyPart) * 100)).toBe(550)
      // the order's redeem and earn rows are written by subscribers: wait for both
      await loyaltyRowsOf(getContainer(), { order_id: order.id, type: "redeem" })
      const earns = await loyaltyRowsOf(getContainer(), { order_id: order.id, type: "earn" })
      const earned = earns.reduce((sum, row) => sum + row.points, 0)
      expect(earned).toBeGreaterThan(0)
      const afterOrder = await summaryOf(ada)

      const payment = await orderPaymentOf(api, seeded.admin, order.id)
      expect(payment.amount).toBe(moneyPart)
      await api.post(`/admin/payments/${payment.id}/capture`, {}, seeded.admin)

      // the whole order's value before points is more than was paid: Medusa refuses it
      const tooMuch = await api
        .post(`/admin/payments/${payment.id}/refund`, { amount: before }, seeded.admin)
        .catch(errorResponse)
      expect(tooMuch.status).toBe(400)
      expect(tooMuch.data.message).toContain("refund more than the captured amount")

      await api.post(`/admin/payments/${payment.id}/refund`, { amount: moneyPart }, seeded.admin)
      const refunded = await orderPaymentOf(api, seeded.admin, order.id)
      expect(refunded.refunds.map((refund: { amount: number }) => refund.amount)).toEqual([moneyPart])
      // nothing more can be refunded: the points' 5.50 were never money
      const more = await api
        .post(`/admin/payments/${payment.id}/refund`, { amount: 1 }, seeded.admin)
        .catch(errorResponse)
      expect(more.status).toBe(400)

      // every point the paid money earned is taken back; the redeem row stands, nothing restored
      const summary = await eventually(async () => {
        const current = await summaryOf(ada)
        return current.balance === afterOrder.balance - earned ? current : undefined
      })
      expect(summary).toMatchObject({ total_redeemed: 550, debt: 0 })
      expect(await loyalty().listLoyaltyTransactions({ order_id: order.id, type: "restore" })).toHaveLength(0)
      expect(await loyalty().listLoyaltyTransactions({ order_id: order.id, type: "redeem" })).toHaveLength(1)
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    /** A cart of the shopper's with one pen, addressed, with shipping: ready for payment. */
    const cartOf = (session: RequestConfig) =>
      createShippableCart(api, seeded.store, {
        customerHeaders: session.headers,
        items: [{ variant_id: pen().id, quantity: 1 }],
      })
    const autoSpend = (session: RequestConfig, auto_spend: Record<string, unknown>) =>
      api.post("/store/engagement/loyalty/preferences", { auto_spend }, session)

    it("spends the shopper's points automatically when payment is set up, and a removal sticks", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      expect((await api.get("/store/engagement/loyalty/preferences", ada)).data.preferences).toEqual({
        auto_spend: { enabled: false, minimum_points: 0 },
      })
      const { data: saved } = await autoSpend(ada, { enabled: true, minimum_points: 200 })
      expect(saved.preferences).toEqual({ auto_spend: { enabled: true, minimum_points: 200 } })

      // a checkout that never touches points: they go on when the payment collection is made
      let before = 0
      const order = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [{ variant_id: pen().id, quantity: 2 }],
        beforePayment: async (cartId) => {
          before = (await api.get(`/store/carts/${cartId}`, ada)).data.cart.total
        },
      })
      expect(Math.round((before - order.total) * 100)).toBe(1000)
      const { data: paid } = await api.get(`/admin/orders/${order.id}?fields=payment_collections.amount`, seeded.admin)
      expect(paid.order.payment_collections[0].amount).toBe(order.total)
      const redeemed = await loyaltyRowsOf(getContainer(), { order_id: order.id, type: "redeem" })
      expect(redeemed.map((row) => row.points)).toEqual([-1000])

      // points the shopper took off a cart stay off it
      await adjustPoints(api, seeded.admin, ada.customerId, 1000, "more")
      let beforeSecond = 0
      const second = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [{ variant_id: pen().id, quantity: 1 }],
        beforePayment: async (cartId) => {
          beforeSecond = (await api.get(`/store/carts/${cartId}`, ada)).data.cart.total
          await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 300 }, ada)
          await api.delete(`/store/carts/${cartId}/loyalty-points`, ada)
        },
      })
      expect(second.total).toBe(beforeSecond)
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await loyalty().listLoyaltyTransactions({ order_id: second.id, type: "redeem" })).toHaveLength(0)
      expect(await summaryOf(ada)).toMatchObject({ reserved: 0, total_redeemed: 1000 })
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    it("spends automatically only on the shopper's own cart, from their minimum, and never once payment has a session", async () => {
      const ada = await shopperWithPoints("ada@example.com", 150)
      const bob = await shopperWithPoints("bob@example.com", 1000)
      await autoSpend(ada, { enabled: true, minimum_points: 200 })
      await autoSpend(bob, { enabled: true })
      const creditOf = async (cartId: string) =>
        (await api.get(`/store/carts/${cartId}`, ada)).data.cart.credit_line_total

      // Bob sets up payment for Ada's cart: neither his points nor hers go on it
      const adasCart = await cartOf(ada)
      await api.post("/store/payment-collections", { cart_id: adasCart }, bob)
      expect(await creditOf(adasCart)).toBe(0)
      expect(await summaryOf(bob)).toMatchObject({ balance: 1000, reserved: 0 })

      // Ada's own request: 150 points are fewer than her minimum of 200
      await api.post("/store/payment-collections", { cart_id: adasCart }, ada)
      expect(await creditOf(adasCart)).toBe(0)
      expect(await summaryOf(ada)).toMatchObject({ balance: 150, reserved: 0 })

      // payment set up with a session before the preference: the total is left as it is
      const bobsCart = await cartOf(bob)
      await autoSpend(bob, { enabled: false })
      const { data: collection } = await api.post("/store/payment-collections", { cart_id: bobsCart }, bob)
      await api.post(
        `/store/payment-collections/${collection.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_system_default" },
        bob
      )
      await autoSpend(bob, { enabled: true })
      await api.post("/store/payment-collections", { cart_id: bobsCart }, bob)
      expect((await api.get(`/store/carts/${bobsCart}`, bob)).data.cart.credit_line_total).toBe(0)
      expect(await summaryOf(bob)).toMatchObject({ balance: 1000, reserved: 0 })

      // bad preferences: a 400 naming the field, nothing saved
      for (const [body, field] of [
        [{ enabled: "yes" }, "enabled"],
        [{ enabled: true, minimum_points: -1 }, "minimum_points"],
        [{ enabled: true, minimum_points: 1.5 }, "minimum_points"],
        [{ enabled: true, customer_id: ada.customerId }, "customer_id"],
      ] as const) {
        const answer = await autoSpend(bob, body).catch(errorResponse)
        expect([answer.status, answer.data.message]).toEqual([400, expect.stringContaining(field)])
      }
      // a shopper saving from several tabs at once: every save answers, one row stays
      const carol = await shopperWithPoints("carol@example.com", 10)
      const saves = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          autoSpend(carol, { enabled: index % 2 === 0, minimum_points: index }).catch(errorResponse)
        )
      )
      expect(saves.map((answer) => answer.status)).toEqual(Array(10).fill(200))
      expect(await loyalty().listLoyaltyPreferences({ customer_id: carol.customerId })).toHaveLength(1)
      const guest = await api
        .post(
          "/store/engagement/loyalty/preferences",
          { auto_spend: { enabled: true } },
          { headers: { "x-publishable-api-key": seeded.store.publishableKey } }
        )
        .catch(errorResponse)
      expect(guest.status).toBe(401)
      expect((await api.get("/store/engagement/loyalty/preferences", ada)).data.preferences).toEqual({
        auto_spend: { enabled: true, minimum_points: 200 },
      })
    })
  },
})
