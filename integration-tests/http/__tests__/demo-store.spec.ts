import { engagementSuite } from "../../helpers/suite"
import { Modules } from "@medusajs/framework/utils"
import { SHIPPING_PRICE } from "../../../src/scripts/demo/catalog"
import { seedStore } from "../../../src/scripts/demo/seed-store"
import { createCustomerSession, placeOrder } from "../../helpers/store"

jest.setTimeout(180_000)

/** Expected totals in cents, so 19.99 × 2 does not drift in floating point. */
const cents = (amount: number) => Math.round(amount * 100)

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    it("seeds a store whose products carry GTIN, MPN and brand, and seeding again changes nothing", async () => {
      expect(seeded.store.products.map((p) => p.handle)).toEqual(["fountain-pen", "dotted-notebook", "desk-lamp"])
      const [pen, notebook, lamp] = seeded.store.products
      expect(pen.variants[0]).toEqual(
        expect.objectContaining({ sku: "PEN-BLUE", barcode: "4006381333931", mpn: "PW-FP100-BL" })
      )
      expect(pen.variants[0].prices).toEqual({ eur: 19.99, usd: 21.99 })
      expect(notebook.brand).toBe("Papeterie Nord")
      expect(lamp.variants[0]).toEqual(expect.objectContaining({ barcode: null, mpn: "LC-DL2-BR" }))
      expect(lamp.brand).toBe("Lumen & Co")

      const again = await seedStore(getContainer())
      expect(again).toEqual(seeded.store)
      const productModule = getContainer().resolve(Modules.PRODUCT)
      expect(await productModule.listProducts({}, { select: ["id"] })).toHaveLength(3)
    })

    it("places orders through the store API for a registered customer and for a guest", async () => {
      const [pen, notebook, lamp] = seeded.store.products
      const session = await createCustomerSession(api, seeded.store, {
        email: "ada@example.com",
        password: "secret-password",
        first_name: "Ada",
        last_name: "Lovelace",
      })

      const items = [
        { variant: pen.variants[0], quantity: 2 },
        { variant: notebook.variants[0], quantity: 3 },
      ]
      const order = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: session.headers,
        items: items.map((i) => ({ variant_id: i.variant.id, quantity: i.quantity })),
      })

      const itemCents = items.reduce((sum, i) => sum + cents(i.variant.prices.eur) * i.quantity, 0)
      expect(order.status).toBe("pending")
      expect(order.currency_code).toBe("eur")
      expect(order.items).toHaveLength(2)
      expect(cents(order.item_total)).toBe(itemCents) // 2 × 19.99 + 3 × 12.50 = 77.48
      expect(cents(order.shipping_total)).toBe(cents(SHIPPING_PRICE.eur))
      expect(cents(order.total)).toBe(itemCents + cents(SHIPPING_PRICE.eur))

      const guest = await placeOrder(api, seeded.store, {
        email: "guest@example.com",
        countryCode: "se",
        items: [{ variant_id: lamp.variants[0].id, quantity: 1 }],
      })
      expect(guest.status).toBe("pending")
      expect(guest.email).toBe("guest@example.com")
      expect(cents(guest.total)).toBe(cents(lamp.variants[0].prices.eur) + cents(SHIPPING_PRICE.eur))

      // the customer sees their order, and only theirs, in the store API
      const mine = await api.get("/store/orders", session)
      expect(mine.data.orders.map((o: { id: string }) => o.id)).toEqual([order.id])

      const orders = await getContainer()
        .resolve(Modules.ORDER)
        .listOrders({}, { select: ["id", "status", "customer_id", "email"] })
      expect(orders).toHaveLength(2)
      expect(orders.find((o) => o.id === order.id)).toEqual(
        expect.objectContaining({ status: "pending", customer_id: session.customerId, email: "ada@example.com" })
      )
      expect(orders.find((o) => o.id === guest.id)?.status).toBe("pending")
    })
  },
})
