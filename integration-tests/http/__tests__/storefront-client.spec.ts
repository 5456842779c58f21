import Medusa from "@medusajs/js-sdk"
import { engagementSuite } from "../../helpers/suite"
import {
  applyCartPoints,
  EngagementStoreError,
  getCartLoyalty,
  getLoyalty,
  loyaltyCreditOf,
  removeCartPoints,
} from "../../../src/storefront"
import { createShopperWithPoints } from "../../helpers/engagement"
import { createAdminHeaders, createShippableCart } from "../../helpers/store"

jest.setTimeout(240_000)

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    let sdk: Medusa

    beforeEach(async () => {
      // as a storefront holds it: the publishable key in the SDK, the shopper's token passed per call
      sdk = new Medusa({
        baseUrl: api.defaults.baseURL!,
        publishableKey: seeded.store.publishableKey,
        auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
      })
    })

    it("reads the summary, previews a cart, applies points taking exactly their value off, and removes them", async () => {
      const admin = await createAdminHeaders(getContainer())
      const ada = await createShopperWithPoints(api, seeded.store, admin, "ada@example.com", 1000)
      const headers = { authorization: ada.headers.authorization }
      const cartId = await createShippableCart(api, seeded.store, {
        customerHeaders: ada.headers,
        items: [{ variant_id: seeded.store.products[0].variants[0].id, quantity: 2 }],
      })
      const before = (await sdk.store.cart.retrieve(cartId, {}, headers)).cart

      expect((await getLoyalty(sdk, { headers })).loyalty).toMatchObject({ balance: 1000, reserved: 0 })
      const { loyalty: preview } = await getCartLoyalty(sdk, cartId, { headers })
      expect(preview).toMatchObject({ applied: 0, spendable: 1000, currency_code: "eur", points_per_unit: 100 })
      expect(preview.max_applicable).toBeGreaterThanOrEqual(550)

      const { cart: applied } = await applyCartPoints(sdk, cartId, 550, { headers })
      // 550 points at 100 a euro: exactly 5.50 off, in cents
      expect(Math.round((before.total - applied.total) * 100)).toBe((550 * 100) / preview.points_per_unit)
      expect(loyaltyCreditOf(applied)).toEqual({ amount: 5.5, points: 550 })
      expect((await getCartLoyalty(sdk, cartId, { headers })).loyalty).toMatchObject({ applied: 550 })
      expect((await getLoyalty(sdk, { headers })).loyalty).toMatchObject({ balance: 450, reserved: 550 })

      const { cart: removed } = await removeCartPoints(sdk, cartId, { headers })
      expect(removed.total).toBe(before.total)
      expect(loyaltyCreditOf(removed)).toBeNull()
      expect((await getLoyalty(sdk, { headers })).loyalty).toMatchObject({ balance: 1000, reserved: 0 })
    })

    it("answers a refused call with the typed error naming the field, and changes nothing", async () => {
      const admin = await createAdminHeaders(getContainer())
      const ada = await createShopperWithPoints(api, seeded.store, admin, "ada@example.com", 1000)
      const headers = { authorization: ada.headers.authorization }
      const cartId = await createShippableCart(api, seeded.store, {
        customerHeaders: ada.headers,
        items: [{ variant_id: seeded.store.products[0].variants[0].id, quantity: 1 }],
      })
      const refused = await applyCartPoints(sdk, cartId, 5000, { headers }).catch((error: unknown) => error)
      expect(refused).toBeInstanceOf(EngagementStoreError)
      expect(refused).toMatchObject({ status: 400, type: "invalid_data", field: "points" })
      const unsigned = await getLoyalty(sdk).catch((error: unknown) => error)
      expect(unsigned).toMatchObject({ status: 401, type: "unauthorized" })
      expect((await getCartLoyalty(sdk, cartId, { headers })).loyalty).toMatchObject({ applied: 0 })
    })
  },
})
