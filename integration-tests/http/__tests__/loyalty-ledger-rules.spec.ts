import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { AxiosError } from "axios"
import { engagementSuite } from "../../helpers/suite"
import { LOYALTY_EVENTS } from "../../../src/modules/loyalty/types"
import verifyLoyaltyLedger from "../../../src/scripts/verify-loyalty-ledger"
import { adjustPoints, loyaltyOf, loyaltyRowsOf, loyaltySummaryOf } from "../../helpers/engagement"
import { eventually } from "../../helpers/stand-ins"
import {
  createShippableCart,
  createShopper,
  fulfilOrder,
  LAMP,
  linesOf,
  NOTEBOOK,
  PEN,
  placeOrder,
  receiveReturn,
  RequestConfig,
} from "../../helpers/store"

jest.setTimeout(240_000)

// 1 point per euro, Silver from 30 points, an open scheme with a 150-point welcome, spent points owed
process.env.LOYALTY_OPTIONS = JSON.stringify({
  earn: { points_per_unit: { default: 1 } },
  tiers: { levels: [{ id: "silver", name: "Silver", threshold: 30, multiplier: 1 }] },
  schemes: { list: [{ id: "welcome", name: "Welcome club", signup_bonus: 150 }] },
  debt_policy: "block",
})

type Bucket = { points: number }
const sumOf = (buckets: Bucket[]) => buckets.reduce((sum, bucket) => sum + bucket.points, 0)

/** The ledger's rules as a shopper and a store owner meet them (issue 22: items 1, 4, 5, 6 and 9). */
engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    afterEach(() => {
      // the options some tests change for their own orders
      loyalty().options.earn.pending_days = 0
      loyalty().options.earn.include_points_paid = false
    })

    beforeAll(() => {
      // a request that fails the test fails it with its route, status and message: an axios error
      // (its request and response point at each other) cannot be reported across jest's worker
      api.interceptors.response.use(undefined, (error: AxiosError) => {
        const { config, response } = error
        const plain = new Error(
          `${config?.method} ${config?.url}: ${response?.status} ${JSON.stringify(response?.data)}`
        ) as Error & { response?: unknown }
        plain.response = response ? { status: response.status, data: response.data } : undefined
        return Promise.reject(plain)
      })
    })

    const loyalty = () => loyaltyOf(getContainer())
    const errorResponse = (error: { response: { status: number; data: any } }) => error.response
    const summaryOf = (session: RequestConfig) => loyaltySummaryOf(api, session)
    const orderOf = (session: RequestConfig, email: string, lines: [number, number][], points?: number) =>
      placeOrder(api, seeded.store, {
        email,
        customerHeaders: session.headers,
        items: linesOf(seeded.store, lines),
        beforePayment: points ? (cartId) => applyPoints(session, cartId, points) : undefined,
      })
    const cartOf = (session: RequestConfig, lines: [number, number][]) =>
      createShippableCart(api, seeded.store, { customerHeaders: session.headers, items: linesOf(seeded.store, lines) })
    const applyPoints = (session: RequestConfig, cartId: string, points: number) =>
      api.post(`/store/carts/${cartId}/loyalty-points`, { points }, session)
    const earnedOn = async (orderId: string) =>
      (await loyaltyRowsOf(getContainer(), { order_id: orderId, type: "earn" })).reduce(
        (sum, row) => sum + row.points,
        0
      )

    it("keeps earned points pending until their date: not spendable, no tier, shown with the date, reversed by a cancel, then spendable with no job run", async () => {
      const options = loyalty().options
      options.earn.pending_days = 1
      try {
        const ada = await createShopper(api, seeded.store, "ada@example.com")
        const first = await orderOf(ada, "ada@example.com", [[PEN, 2]]) // 39.98 EUR → 39 points
        expect(await earnedOn(first.id)).toBe(39)

        let summary = await summaryOf(ada)
        expect(summary).toMatchObject({ balance: 0, pending: 39, lifetime_points: 0, tier: null })
        expect(summary.pending_dates).toEqual([{ available_at: expect.any(String), points: 39 }])
        const availableIn = new Date(summary.pending_dates[0].available_at).getTime() - Date.now()
        expect(availableIn).toBeGreaterThan(23 * 3_600_000)
        expect(availableIn).toBeLessThanOrEqual(24 * 3_600_000)
        expect(sumOf(summary.expiring)).toBe(0)

        // not spendable on a cart, nor by an admin's debit
        const cartId = await cartOf(ada, [[LAMP, 1]])
        const onCart = await applyPoints(ada, cartId, 39).catch(errorResponse)
        expect([onCart.status, onCart.data.message]).toEqual([400, expect.stringContaining("spendable balance of 0")])
        const debit = await adjustPoints(api, seeded.admin, ada.customerId, -39).catch(errorResponse)
        expect([debit.status, debit.data.message]).toEqual([
          400,
          expect.stringContaining("points: -39 would take the balance below zero: spendable balance is 0"),
        ])

        // an order canceled before its points are available takes back its pending points
        const second = await orderOf(ada, "ada@example.com", [[NOTEBOOK, 1]]) // 12.50 EUR → 12 points
        expect(await earnedOn(second.id)).toBe(12)
        await api.post(`/admin/orders/${second.id}/cancel`, {}, seeded.admin)
        summary = await eventually(async () => {
          const current = await summaryOf(ada)
          return current.pending === 39 ? current : undefined
        })
        expect(summary).toMatchObject({ balance: 0, pending: 39, debt: 0, spending_blocked: false })
        expect(await loyalty().verifyLedger()).toEqual([])

        // the first order's date comes (the clock moved on): spendable at once, nothing else run,
        // and the tier it reaches is announced as the maintenance job would (the contact sync follows it)
        const tierEvents: unknown[] = []
        getContainer()
          .resolve(Modules.EVENT_BUS)
          .subscribe(LOYALTY_EVENTS.TIER_CHANGED, async (event: { data: unknown }) => {
            tierEvents.push(event.data)
          })
        const earned = await loyalty().listLoyaltyTransactions({ order_id: first.id, type: "earn" })
        await loyalty().updateLoyaltyTransactions(
          earned.map((row) => ({ id: row.id, available_at: new Date(Date.now() - 1000) }))
        )
        summary = await summaryOf(ada)
        expect(summary).toMatchObject({ balance: 39, pending: 0, pending_dates: [], lifetime_points: 39 })
        expect(summary.tier).toMatchObject({ id: "silver" })
        await eventually(async () => (tierEvents.length ? true : undefined))
        expect(tierEvents).toEqual([expect.objectContaining({ customer_id: ada.customerId, from: null, to: "silver" })])
        expect(sumOf(summary.expiring)).toBe(39)
        await applyPoints(ada, cartId, 39)
        expect(await summaryOf(ada)).toMatchObject({ balance: 0, reserved: 39 })
        expect(await loyalty().verifyLedger()).toEqual([])
      } finally {
        options.earn.pending_days = 0
      }
    })

    it("puts every credit in the expiry buckets, which add up to the balance for the shopper and the programme, and verify reports a corrupted ledger", async () => {
      const ada = await createShopper(api, seeded.store, "ada@example.com")
      await api.post("/store/engagement/reward-schemes/welcome/sign-up", {}, ada) // 150 points
      await adjustPoints(api, seeded.admin, ada.customerId, 100, "goodwill")
      const order = await orderOf(ada, "ada@example.com", [[LAMP, 1]]) // 49 points
      expect(await earnedOn(order.id)).toBe(49)
      const [bonus] = await loyalty().listLoyaltyTransactions({ customer_id: ada.customerId, type: "scheme_bonus" })
      expect(bonus).toMatchObject({ points: 150, lot_state: "available", expires_at: expect.any(Date) })

      // 60 held on a cart are not spendable and not in the buckets
      await applyPoints(ada, await cartOf(ada, [[LAMP, 2]]), 60)
      const summary = await summaryOf(ada)
      expect(summary).toMatchObject({ balance: 239, reserved: 60, pending: 0 })
      expect(sumOf(summary.expiring)).toBe(summary.balance)
      expect(summary.expiring[3].points).toBe(239) // all a year away

      const { data: programme } = await api.get("/admin/engagement/loyalty", seeded.admin)
      expect(programme.loyalty).toMatchObject({ balance: 239, reserved: 60, outstanding: 299 })
      expect(sumOf(programme.loyalty.expiring)).toBe(programme.loyalty.balance)
      expect(await loyalty().verifyLedger()).toEqual([])

      // a lot that lost points without a ledger row: the buckets no longer add up to the balance
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(`UPDATE loyalty_transaction SET lot_remaining = lot_remaining - 10 WHERE id = ?`, [bonus.id])
      expect(await loyalty().verifyLedger()).toEqual(
        expect.arrayContaining([
          { customer_id: ada.customerId, field: "balance (expiry buckets)", stored: 239, ledger: 229 },
        ])
      )
      await expect(verifyLoyaltyLedger({ container: getContainer() } as any)).rejects.toThrow("difference")
    })

    it("earns on the money paid, not on the part paid with points, in the cart's preview and the order", async () => {
      const ada = await createShopper(api, seeded.store, "ada@example.com")
      await adjustPoints(api, seeded.admin, ada.customerId, 1000)
      const cartId = await cartOf(ada, [[LAMP, 2]]) // 98.00 EUR
      expect((await api.get(`/store/carts/${cartId}/loyalty-points`, ada)).data.loyalty.earnable).toBe(98)
      await applyPoints(ada, cartId, 550) // 5.50 EUR paid with points
      expect((await api.get(`/store/carts/${cartId}/loyalty-points`, ada)).data.loyalty.earnable).toBe(92)

      // the documented option keeps the old rule: earn on the full amount
      loyalty().options.earn.include_points_paid = true
      try {
        expect((await api.get(`/store/carts/${cartId}/loyalty-points`, ada)).data.loyalty.earnable).toBe(98)
      } finally {
        loyalty().options.earn.include_points_paid = false
      }
      await api.delete(`/store/carts/${cartId}/loyalty-points`, ada)

      const order = await orderOf(ada, "ada@example.com", [[LAMP, 2]], 550)
      expect(await earnedOn(order.id)).toBe(92)
      const rows = await loyalty().listLoyaltyTransactions({ order_id: order.id, type: "earn" })
      expect(rows[0].rate).toMatchObject({ base_amount: "92.5" })
    })

    it("does not turn points held on an open cart into a debt that blocks the shopper when a return comes", async () => {
      const ada = await createShopper(api, seeded.store, "ada@example.com")
      const order = await orderOf(ada, "ada@example.com", [[PEN, 2]]) // 39 points
      expect(await earnedOn(order.id)).toBe(39)
      // 19 held on an open cart, 20 left spendable; then the whole order comes back
      const cartId = await cartOf(ada, [[LAMP, 1]])
      await applyPoints(ada, cartId, 19)
      await fulfilOrder(api, seeded.store, seeded.admin, order)
      await receiveReturn(api, seeded.store, seeded.admin, order.id, [{ id: order.items[0].id, quantity: 2 }])
      const afterReturn = await eventually(async () => {
        const current = await summaryOf(ada)
        return current.balance === 0 ? current : undefined
      })
      // the 20 available are taken; the 19 the cart holds stay held, owed but not blocking
      expect(afterReturn).toMatchObject({ balance: 0, reserved: 19, debt: 19, spending_blocked: false })
      expect((await api.get(`/store/carts/${cartId}/loyalty-points`, ada)).data.loyalty.applied).toBe(19)

      // taking them off the cart repays what is owed: nothing owed, nothing blocked
      await api.delete(`/store/carts/${cartId}/loyalty-points`, ada)
      expect(await summaryOf(ada)).toMatchObject({ balance: 0, reserved: 0, debt: 0, spending_blocked: false })
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    it("lets a shopper complete the cart with points held before a return; what is then owed blocks as any debt", async () => {
      const bob = await createShopper(api, seeded.store, "bob@example.com")
      const order = await orderOf(bob, "bob@example.com", [[PEN, 2]]) // 39 points
      expect(await earnedOn(order.id)).toBe(39)
      await fulfilOrder(api, seeded.store, seeded.admin, order)
      loyalty().options.earn.pending_days = 1
      const second = await placeOrder(api, seeded.store, {
        email: "bob@example.com",
        customerHeaders: bob.headers,
        items: linesOf(seeded.store, [[LAMP, 1]]),
        beforePayment: async (cartId) => {
          await applyPoints(bob, cartId, 19)
          // the return lands while this cart holds 19 points
          await receiveReturn(api, seeded.store, seeded.admin, order.id, [{ id: order.items[0].id, quantity: 2 }])
          const held = await eventually(async () => {
            const current = await summaryOf(bob)
            return current.debt > 0 ? current : undefined
          })
          expect(held).toMatchObject({ balance: 0, reserved: 19, debt: 19, spending_blocked: false })
        },
      })
      const [redeem] = await loyaltyRowsOf(getContainer(), { order_id: second.id, type: "redeem" })
      expect(redeem.points).toBe(-19)
      // the held points were spent on the order: what the return took is owed and blocks, until
      // the order's own points (48, pending a day here) become spendable and repay it
      const earned = await earnedOn(second.id)
      loyalty().options.earn.pending_days = 0
      expect(await summaryOf(bob)).toMatchObject({ balance: 0, reserved: 0, debt: 19, spending_blocked: true })
      const rows = await loyalty().listLoyaltyTransactions({ order_id: second.id, type: "earn" })
      await loyalty().updateLoyaltyTransactions(
        rows.map((row) => ({ id: row.id, available_at: new Date(Date.now() - 1000) }))
      )
      expect(await summaryOf(bob)).toMatchObject({ balance: earned - 19, debt: 0, spending_blocked: false })
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    it("says what a points field must be, and the signed amount an adjustment would take", async () => {
      const ada = await createShopper(api, seeded.store, "ada@example.com")
      await adjustPoints(api, seeded.admin, ada.customerId, 250)
      const url = `/admin/engagement/contacts/${ada.customerId}/loyalty/adjustments`
      const fraction = await api.post(url, { points: 1.5, reason: "x" }, seeded.admin).catch(errorResponse)
      expect([fraction.status, fraction.data.message]).toEqual([400, "points: must be an integer, got 1.5"])
      const tooMuch = await api.post(url, { points: -100000, reason: "typo" }, seeded.admin).catch(errorResponse)
      expect([tooMuch.status, tooMuch.data.message]).toEqual([
        400,
        "points: -100000 would take the balance below zero: spendable balance is 250",
      ])
      expect((await summaryOf(ada)).balance).toBe(250)
    })
  },
})
