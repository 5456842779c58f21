import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { engagementSuite } from "../../helpers/suite"
import { verifyOrderRedemptions } from "../../../src/workflows/loyalty/utils/verify-order-redemptions"
import { loyaltyOf, loyaltyRowsOf, loyaltySummaryOf, createShopperWithPoints } from "../../helpers/engagement"
import { eventually } from "../../helpers/stand-ins"
import { createShippableCart, placeOrder, RequestConfig } from "../../helpers/store"

jest.setTimeout(240_000)

// The points a cart spent are redeemed inside the checkout (src/workflows/hooks/complete-cart-redemption.ts).
engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer, dbConnection }, seeded) => {
    const knex = () => dbConnection as Knex
    const loyalty = () => loyaltyOf(getContainer())
    const pen = () => seeded.store.products[0].variants[0].id
    const shopperWithPoints = (email: string, points: number) =>
      createShopperWithPoints(api, seeded.store, seeded.admin, email, points)
    const summaryOf = (session: RequestConfig) => loyaltySummaryOf(api, session)
    const historyOf = async (session: RequestConfig) =>
      (await api.get("/store/engagement/loyalty/transactions?limit=50", session)).data.transactions as {
        type: string
        points: number
        order_id: string | null
      }[]

    /** A cart of two pens holding `points`, with payment set up: ready to complete. */
    async function cartReadyToComplete(session: RequestConfig, points: number) {
      const cartId = await createShippableCart(api, seeded.store, {
        customerHeaders: session.headers,
        items: [{ variant_id: pen(), quantity: 2 }],
      })
      await api.post(`/store/carts/${cartId}/loyalty-points`, { points }, session)
      const { data } = await api.post("/store/payment-collections", { cart_id: cartId }, session)
      await api.post(
        `/store/payment-collections/${data.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_system_default" },
        session
      )
      return { cartId, collectionId: data.payment_collection.id as string }
    }

    it("shows the points spent and the balance in the shopper's history in the next request after the complete call answers", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      const order = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [{ variant_id: pen(), quantity: 2 }],
        beforePayment: async (cartId) => {
          await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 550 }, ada)
        },
      })
      // the requests a storefront's confirmation page makes next, with the shopper's own token
      const history = await historyOf(ada)
      const summary = await summaryOf(ada)
      expect(history.filter((row) => row.type === "redeem")).toEqual([
        expect.objectContaining({ type: "redeem", points: -550, order_id: order.id }),
      ])
      expect(summary).toMatchObject({ reserved: 0, total_redeemed: 550 })
      // 450 left; the order's award (39.98 − 5.50 paid: 34) comes with order.placed, after the answer
      expect([450, 484]).toContain(summary.balance)

      // order.placed's points part finds the redemption done: never a second redeem row
      await loyaltyRowsOf(getContainer(), { order_id: order.id, type: "earn" })
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "order.placed", data: { id: order.id } })
      await eventually(async () => ((await summaryOf(ada)).balance === 484 ? true : undefined))
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await loyalty().listLoyaltyTransactions({ order_id: order.id, type: "redeem" })).toHaveLength(1)
      expect(await summaryOf(ada)).toMatchObject({ balance: 484, reserved: 0, total_redeemed: 550 })
      expect(await loyalty().verifyLedger()).toEqual([])
      expect(await verifyOrderRedemptions(getContainer())).toEqual([])
    })

    it("fails the checkout whose redemption fails: no order, the payment cancelled, the points still held; it completes once the redemption can be written", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      const { cartId, collectionId } = await cartReadyToComplete(ada, 550)
      const before = await summaryOf(ada)
      // the redeem row's insert fails, as a database error would make it
      await knex().raw(`
        CREATE FUNCTION loyalty_test_refuse() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER loyalty_test_refuse BEFORE INSERT ON loyalty_transaction
          FOR EACH ROW WHEN (NEW.type = 'redeem') EXECUTE FUNCTION loyalty_test_refuse();`)
      let status = 0
      try {
        await api.post(`/store/carts/${cartId}/complete`, {}, ada).catch((error: { response?: { status: number } }) => {
          status = error.response?.status ?? 0
        })
      } finally {
        await knex().raw(
          `DROP TRIGGER loyalty_test_refuse ON loyalty_transaction; DROP FUNCTION loyalty_test_refuse();`
        )
      }
      expect(status).toBeGreaterThanOrEqual(400)

      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: carts } = await query.graph({
        entity: "cart",
        fields: ["id", "completed_at", "order.id"],
        filters: { id: cartId },
      })
      expect(carts[0]).toMatchObject({ completed_at: null })
      expect(carts[0].order ?? null).toBeNull()
      const { data: orders } = await query.graph({
        entity: "order",
        fields: ["id"],
        filters: { customer_id: ada.customerId },
      })
      expect(orders).toEqual([])
      // what the completion authorized it cancelled: no payment stands
      const { data: collections } = await query.graph({
        entity: "payment_collection",
        fields: ["id", "payments.id", "payments.canceled_at", "payments.captured_at"],
        filters: { id: collectionId },
      })
      for (const payment of collections[0].payments ?? []) {
        expect(payment?.canceled_at).not.toBeNull()
        expect(payment?.captured_at ?? null).toBeNull()
      }
      expect(await summaryOf(ada)).toEqual(before)
      expect((await loyalty().retrieveCartReservation(cartId))?.status).toBe("held")
      expect(await loyalty().listLoyaltyTransactions({ customer_id: ada.customerId, type: "redeem" })).toEqual([])
      expect(await loyalty().verifyLedger()).toEqual([])

      // the database writes again: the shopper sets payment up again and completes, redeemed once
      await api.post(
        `/store/payment-collections/${collectionId}/payment-sessions`,
        { provider_id: "pp_system_default" },
        ada
      )
      const { data: completed } = await api.post(`/store/carts/${cartId}/complete`, {}, ada)
      expect(completed.type).toBe("order")
      const redeemed = await loyalty().listLoyaltyTransactions({ order_id: completed.order.id, type: "redeem" })
      expect(redeemed.map((row) => row.points)).toEqual([-550])
      expect(await summaryOf(ada)).toMatchObject({ reserved: 0, total_redeemed: 550 })
    })

    it("undoes a checkout's redemption exactly when the checkout fails after it, and the cart redeems again", async () => {
      const ada = await shopperWithPoints("ada@example.com", 1000)
      const { cartId } = await cartReadyToComplete(ada, 550)
      const before = await summaryOf(ada)
      const [hold] = await loyalty().listLoyaltyReservations({ cart_id: cartId })
      const pick = (row: Record<string, unknown>) => ({
        status: row.status,
        points: row.points,
        amount: row.amount,
        order_id: row.order_id,
        redeem_transaction_id: row.redeem_transaction_id,
        expires_at: row.expires_at,
      })
      const lots = async () =>
        (await loyalty().listLoyaltyTransactions({ customer_id: ada.customerId })).map((row) => [
          row.id,
          row.lot_remaining,
          row.lot_state,
        ])
      const lotsBefore = await lots()

      // what the completion's orderCreated hook does, and what its compensation does
      await loyalty().commitLoyaltyReservation(cartId, "order_of_a_failed_checkout")
      expect(await summaryOf(ada)).toMatchObject({ reserved: 0, total_redeemed: 550 })
      expect(await loyalty().uncommitLoyaltyReservation(cartId, "order_of_a_failed_checkout")).toMatchObject({
        cart_id: cartId,
      })
      expect(await summaryOf(ada)).toEqual(before)
      const [after] = await loyalty().listLoyaltyReservations({ cart_id: cartId })
      expect(pick(after)).toEqual(pick(hold))
      expect(await lots()).toEqual(lotsBefore)
      expect(await loyalty().verifyLedger()).toEqual([])
      // a second undo changes nothing
      expect(await loyalty().uncommitLoyaltyReservation(cartId, "order_of_a_failed_checkout")).toBeNull()

      const { data: completed } = await api.post(`/store/carts/${cartId}/complete`, {}, ada)
      expect(completed.type).toBe("order")
      const redeemed = await loyalty().listLoyaltyTransactions({ order_id: completed.order.id, type: "redeem" })
      expect(redeemed.map((row) => row.points)).toEqual([-550])
      expect(await loyalty().verifyLedger()).toEqual([])
    })
  },
})
