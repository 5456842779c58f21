import { Modules } from "@medusajs/framework/utils"
import { createPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { engagementSuite } from "../../helpers/suite"
import { recordCartConversionWorkflow } from "../../../src/workflows/conversions/workflows/record-cart-conversion"
import { engagementOf, settleDelivery } from "../../helpers/engagement"
import { eventually, REJOINER_TEST_CONFIG, useTestPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders, createCustomerSession, placeOrder } from "../../helpers/store"

jest.setTimeout(180_000)

// the stand-ins listen, and the env points at them, before Medusa boots
const platforms = useTestPlatforms({
  ENGAGEMENT_OUTBOX_BASE_DELAY: "0ms",
  ENGAGEMENT_OUTBOX_MAX_ATTEMPTS: "6",
  ENGAGEMENT_HTTP_TIMEOUT: "1s",
})

type ConvertBody = {
  email: string
  cart_data: Record<string, unknown> & { cart_value: number; cart_item_count: number }
  cart_items: (Record<string, unknown> & { price: number; item_qty: number; qty_price: number })[]
}

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    /** The order's conversion delivery, once the `order.placed` subscriber has enqueued it. */
    async function conversionOf(orderId: string) {
      return await eventually(
        async () => (await engagementOf(getContainer()).listDeliveries({ order_id: orderId, platform: "rejoiner" }))[0]
      )
    }

    async function orderTwoProducts(
      email: string,
      { guest = false, promoCodes }: { guest?: boolean; promoCodes?: string[] } = {}
    ) {
      const session = guest
        ? undefined
        : await createCustomerSession(api, seeded.store, {
            email,
            password: "secret-password",
            first_name: "Ada",
            last_name: "Lovelace",
          })
      const [pen, notebook] = seeded.store.products
      return await placeOrder(api, seeded.store, {
        email,
        customerHeaders: session?.headers,
        promoCodes,
        items: [
          { variant_id: pen.variants[0].id, quantity: 3 }, // 19.99 EUR × 3
          { variant_id: notebook.variants[0].id, quantity: 2 },
        ],
      })
    }

    it("sends exactly one contract-conformant conversion in integer cents for a real order with a promotion", async () => {
      await createPromotionsWorkflow(getContainer()).run({
        input: {
          promotionsData: [
            {
              code: "SAVE10",
              type: "standard",
              status: "active",
              application_method: {
                type: "percentage",
                target_type: "order",
                allocation: "across",
                value: 10,
                currency_code: "eur",
              },
            },
          ],
        },
      })
      const order = await orderTwoProducts("ada@example.com", { promoCodes: ["SAVE10"] })
      const delivery = await conversionOf(order.id)
      const delivered = await settleDelivery(getContainer(), delivery.id)
      expect(delivered.status).toBe("delivered")

      const calls = platforms.rejoiner.callsTo("convert")
      expect(calls).toHaveLength(1)
      expect(calls[0].headers.authorization).toBe(`Rejoiner ${REJOINER_TEST_CONFIG.apiKey}`)
      expect(calls[0].path).toBe("/customer/convert/")
      const body = calls[0].body as ConvertBody
      const totalCents = Math.round(Number(order.total) * 100)
      expect(body.email).toBe("ada@example.com")
      expect(body.cart_data).toEqual({
        cart_value: totalCents,
        cart_item_count: 5,
        promo: "SAVE10",
        order_number: String(order.display_id),
        return_url: `http://localhost:8000/account/orders/details/${order.id}`,
      })
      const pen = body.cart_items.find((item) => item.product_id === "PEN-BLUE")!
      expect(pen).toEqual({
        product_id: "PEN-BLUE",
        name: "Fountain Pen",
        price: 1999,
        item_qty: 3,
        qty_price: 5997,
        description: expect.any(String),
        category: ["Writing"],
        product_url: "http://localhost:8000/products/fountain-pen",
        image_url: expect.stringMatching(/^https:\/\//),
      })
      for (const item of body.cart_items) {
        for (const field of ["price", "item_qty", "qty_price"] as const) {
          expect(Number.isInteger(item[field])).toBe(true)
        }
        expect(item.qty_price).toBe(item.price * item.item_qty)
      }
      expect(body.cart_data.cart_item_count).toBe(body.cart_items.reduce((sum, item) => sum + item.item_qty, 0))

      const admin = await createAdminHeaders(getContainer())
      const view = await api.get(`/admin/orders/${order.id}/engagement`, admin)
      expect(view.data.deliveries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ platform: "rejoiner", operation: "convert", status: "delivered", payload: body }),
        ])
      )
    })

    it("converts a guest order without a promotion, leaving promo out", async () => {
      const order = await orderTwoProducts("guest@example.com", { guest: true })
      const delivery = await conversionOf(order.id)
      // Medusa gives a guest a customer record without an account; the email is what Rejoiner matches on
      const [guest] = await getContainer().resolve(Modules.CUSTOMER).listCustomers({ id: delivery.customer_id! })
      expect(guest.has_account).toBe(false)
      await settleDelivery(getContainer(), delivery.id)
      const [call] = platforms.rejoiner.callsTo("convert")
      const body = call.body as ConvertBody
      expect(body.email).toBe("guest@example.com")
      expect(body.cart_data).not.toHaveProperty("promo")
      expect(body.cart_data.cart_value).toBe(Math.round(Number(order.total) * 100))
    })

    it("sends one conversion however often order.placed arrives", async () => {
      const order = await orderTwoProducts("twice@example.com")
      const delivery = await conversionOf(order.id)
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "order.placed", data: { id: order.id } })
      await recordCartConversionWorkflow(getContainer()).run({ input: { order_id: order.id } })
      await settleDelivery(getContainer(), delivery.id)
      await new Promise((resolve) => setTimeout(resolve, 500))
      await engagementOf(getContainer()).dispatchDueDeliveries()

      expect(
        await engagementOf(getContainer()).listDeliveries({ order_id: order.id, platform: "rejoiner" })
      ).toHaveLength(1)
      expect(platforms.rejoiner.callsTo("convert")).toHaveLength(1)
    })

    it("delays the conversion while Rejoiner is down and delivers it exactly once when it is back", async () => {
      platforms.rejoiner
        .failNext(2, { kind: "status", status: 502 })
        .failNext(1, { kind: "timeout" })
        .failNext(1, { kind: "reset" })
      const order = await orderTwoProducts("outage@example.com")
      const delivery = await conversionOf(order.id)
      const delivered = await settleDelivery(getContainer(), delivery.id)

      expect(delivered).toEqual(expect.objectContaining({ status: "delivered", attempts: 5 }))
      expect(platforms.rejoiner.acceptedCallsTo("convert")).toHaveLength(1)
    })

    it("ends a 4xx as failed with Rejoiner's answer kept, visible and replayable in the delivery log", async () => {
      platforms.rejoiner.failNext(1, { kind: "status", status: 422, body: { errors: { email: "unknown site" } } })
      const order = await orderTwoProducts("refused@example.com")
      const delivery = await conversionOf(order.id)
      const failed = await settleDelivery(getContainer(), delivery.id)
      expect(failed.status).toBe("failed")
      expect(failed.last_error).toContain("unknown site")

      const admin = await createAdminHeaders(getContainer())
      const log = await api.get(`/admin/engagement/deliveries?status=failed&order_id=${order.id}`, admin)
      expect(log.data.deliveries).toHaveLength(1)
      await api.post(`/admin/engagement/deliveries/${delivery.id}/retry`, {}, admin)
      const replayed = await settleDelivery(getContainer(), delivery.id)
      expect(replayed.status).toBe("delivered")
      expect(platforms.rejoiner.acceptedCallsTo("convert")).toHaveLength(1)
    })
  },
})
