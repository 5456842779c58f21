import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import loyaltyMaintenance from "../../../src/jobs/loyalty-maintenance"
import { adjustPoints, loyaltyOf, loyaltyRowsOf, loyaltySummaryOf } from "../../helpers/engagement"
import { eventually } from "../../helpers/stand-ins"
import { createShopper, LAMP, NOTEBOOK, PEN, placeOrder, receiveReturn, RequestConfig } from "../../helpers/store"

jest.setTimeout(180_000)

// 2 points per euro, a cap of 300 per order, and Silver (×1.5) from 100 points
process.env.LOYALTY_OPTIONS = JSON.stringify({
  earn: { points_per_unit: { default: 1, eur: 2 }, cap_per_order: 300 },
  tiers: { levels: [{ id: "silver", name: "Silver", threshold: 100, multiplier: 1.5 }] },
  debt_policy: "block",
})

engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    const loyalty = () => loyaltyOf(getContainer())
    const shopper = (email: string) => createShopper(api, seeded.store, email)
    const variant = (index: number) => seeded.store.products[index].variants[0].id
    const errorResponse = (error: { response: { status: number; data: any } }) => error.response
    const balanceOf = (session: RequestConfig) => loyaltySummaryOf(api, session)
    /** The order's points once written (the subscriber runs after the checkout answers). */
    const awaitOrderPoints = (orderId: string) => loyaltyRowsOf(getContainer(), { order_id: orderId })
    const returnItems = (orderId: string, items: { id: string; quantity: number }[]) =>
      receiveReturn(api, seeded.store, seeded.admin, orderId, items)

    it("earns per line at the rate, rounds down, reaches a tier, earns the next order with its multiplier up to the cap", async () => {
      const ada = await shopper("ada@example.com")
      const first = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [
          { variant_id: variant(PEN), quantity: 3 }, // 59.97 EUR → 119.94 → 119
          { variant_id: variant(NOTEBOOK), quantity: 2 }, // 25.00 EUR → 50
        ],
      })
      await awaitOrderPoints(first.id)
      let summary = await balanceOf(ada)
      expect(summary).toMatchObject({
        balance: 169,
        lifetime_points: 169,
        total_earned: 169,
        tier: { id: "silver", name: "Silver" },
      })

      const second = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [
          { variant_id: variant(LAMP), quantity: 3 }, // 147 EUR × 2 × 1.5 = 441
          { variant_id: variant(PEN), quantity: 1 }, // 19.99 × 3 = 59.97 → 59
        ],
      })
      const rows = await awaitOrderPoints(second.id)
      // 500 capped to 300, shared 264.6 / 35.4: the larger remainder takes the last point
      expect(rows.map((row) => row.points).sort((a, b) => b - a)).toEqual([265, 35])
      expect(rows[0].rate).toMatchObject({ points_per_unit: 2, multiplier: 1.5, tier_id: "silver" })
      summary = await balanceOf(ada)
      expect(summary.balance).toBe(469)

      // order.placed delivered again awards nothing more
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "order.placed", data: { id: second.id } })
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect((await balanceOf(ada)).balance).toBe(469)
      expect(await loyalty().listLoyaltyTransactions({ order_id: second.id })).toHaveLength(2)

      // the figures the platforms are sent follow onto the contact profile
      const contact = await eventually(async () => {
        const { data } = await api.get(`/admin/engagement/contacts/${ada.customerId}`, seeded.admin)
        return data.contact.loyalty?.balance === 469 ? data.contact : undefined
      })
      expect(contact.loyalty).toEqual({ tier: "Silver", balance: 469, lifetime_points: 469 })

      const { data: history } = await api.get("/store/engagement/loyalty/transactions", ada)
      expect(history.count).toBe(4)
      expect(Object.keys(history.transactions[0]).sort()).toEqual([
        "created_at",
        "expires_at",
        "id",
        "order_display_id",
        "order_id",
        "points",
        "reason",
        "type",
      ])
      // each order's rows carry the number the shopper knows it by
      const ordered = history.transactions.filter((row: { order_id: string | null }) => row.order_id === second.id)
      expect(ordered.length).toBeGreaterThan(0)
      expect(ordered.map((row: { order_display_id: number }) => row.order_display_id)).toEqual(
        ordered.map(() => second.display_id)
      )
    })

    it("gives a guest checkout no points and no account", async () => {
      const order = await placeOrder(api, seeded.store, {
        email: "guest@example.com",
        items: [{ variant_id: variant(PEN), quantity: 1 }],
      })
      await new Promise((resolve) => setTimeout(resolve, 1000))
      expect(await loyalty().listLoyaltyTransactions({ order_id: order.id })).toHaveLength(0)
      expect(await loyalty().listLoyaltyAccounts({})).toHaveLength(0)
    })

    it("reverses two partial returns at the earn-time points after the rule changed, then a cancel takes only the rest, once", async () => {
      const ada = await shopper("ada@example.com")
      const order = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [
          { variant_id: variant(PEN), quantity: 3 }, // 119 points
          { variant_id: variant(NOTEBOOK), quantity: 2 }, // 50 points
        ],
      })
      await awaitOrderPoints(order.id)
      const pen = order.items.find((item: { variant_id: string }) => item.variant_id === variant(PEN))
      await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        {
          location_id: seeded.store.stockLocationId,
          items: order.items.map((i: any) => ({ id: i.id, quantity: i.quantity })),
        },
        seeded.admin
      )

      // the rule changes: 10 points per euro now; reversals still use what the lines earned
      const rates = loyalty().options.earn.points_per_unit
      rates.eur = 10
      try {
        const firstReturn = await returnItems(order.id, [{ id: pen.id, quantity: 1 }])
        await eventually(async () => ((await balanceOf(ada)).balance === 169 - 39 ? true : undefined))
        await returnItems(order.id, [{ id: pen.id, quantity: 1 }])
        await eventually(async () => ((await balanceOf(ada)).balance === 169 - 79 ? true : undefined))

        // the same return event again, then a cancel (delivered twice): the rest, once
        const bus = getContainer().resolve(Modules.EVENT_BUS)
        await bus.emit({ name: "order.return_received", data: { order_id: order.id, return_id: firstReturn } })
        await bus.emit({ name: "order.canceled", data: { id: order.id } })
        await bus.emit({ name: "order.canceled", data: { id: order.id } })
        await eventually(async () => ((await balanceOf(ada)).balance === 0 ? true : undefined))
        await new Promise((resolve) => setTimeout(resolve, 500))
        const reversals = await loyalty().listLoyaltyTransactions({ order_id: order.id, type: "reverse" })
        expect(reversals.map((row) => row.points).sort((a, b) => a - b)).toEqual([-50, -40, -40, -39])
        expect((await balanceOf(ada)).balance).toBe(0)
        expect(await loyalty().verifyLedger()).toEqual([])
      } finally {
        rates.eur = 2
      }
    })

    it("leaves no points after buy, earn and a full return", async () => {
      const ada = await shopper("ada@example.com")
      const order = await placeOrder(api, seeded.store, {
        email: "ada@example.com",
        customerHeaders: ada.headers,
        items: [{ variant_id: variant(PEN), quantity: 2 }],
      })
      await awaitOrderPoints(order.id)
      expect((await balanceOf(ada)).balance).toBe(79)
      await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        { location_id: seeded.store.stockLocationId, items: [{ id: order.items[0].id, quantity: 2 }] },
        seeded.admin
      )
      await returnItems(order.id, [{ id: order.items[0].id, quantity: 2 }])
      const summary = await eventually(async () => {
        const current = await balanceOf(ada)
        return current.balance === 0 ? current : undefined
      })
      expect(summary).toMatchObject({ balance: 0, lifetime_points: 0, debt: 0 })
    })

    it("records a debt and blocks spending when a canceled order's points were already spent", async () => {
      const bob = await shopper("bob@example.com")
      const order = await placeOrder(api, seeded.store, {
        email: "bob@example.com",
        customerHeaders: bob.headers,
        items: [{ variant_id: variant(NOTEBOOK), quantity: 1 }], // 25 points
      })
      await awaitOrderPoints(order.id)
      await adjustPoints(api, seeded.admin, bob.customerId, -20, "spent in store")
      await api.post(`/admin/orders/${order.id}/cancel`, {}, seeded.admin)
      const summary = await eventually(async () => {
        const current = await balanceOf(bob)
        return current.debt > 0 ? current : undefined
      })
      expect(summary).toMatchObject({ balance: 0, debt: 20, spending_blocked: true })
      expect(await loyalty().verifyLedger()).toEqual([])
    })

    it("lets an admin adjust with a reason, records the admin, and never makes a balance negative", async () => {
      const ada = await shopper("ada@example.com")
      const url = `/admin/engagement/contacts/${ada.customerId}/loyalty`
      const { data: added, status } = await api.post(
        `${url}/adjustments`,
        { points: 40, reason: "goodwill", idempotency_key: "ticket-1234" },
        seeded.admin
      )
      expect(status).toBe(201)
      expect(added.loyalty).toMatchObject({ balance: 40, customer_id: ada.customerId })
      const again = await api.post(
        `${url}/adjustments`,
        { points: 40, reason: "goodwill", idempotency_key: "ticket-1234" },
        seeded.admin
      )
      expect(again.status).toBe(200)
      expect(again.data.loyalty.balance).toBe(40)

      const refused = await api
        .post(`${url}/adjustments`, { points: -41, reason: "too much" }, seeded.admin)
        .catch(errorResponse)
      expect(refused.status).toBe(400)
      // the amount as the admin typed it, sign and all
      expect(refused.data.message).toContain("points: -41 would take the balance below zero: spendable balance is 40")

      const { data: page } = await api.get(`${url}/transactions`, seeded.admin)
      expect(page.transactions).toEqual([
        expect.objectContaining({
          type: "adjust",
          points: 40,
          reason: "goodwill",
          actor_id: expect.stringMatching(/^user_/),
          actor_email: "admin@example.com",
        }),
      ])

      await api.post(`${url}/block`, { reason: "fraud check" }, seeded.admin)
      expect((await balanceOf(ada)).spending_blocked).toBe(true)
      await api.post(`${url}/unblock`, { reason: "cleared" }, seeded.admin)
      expect((await balanceOf(ada)).spending_blocked).toBe(false)

      const { data: programme } = await api.get("/admin/engagement/loyalty", seeded.admin)
      expect(programme.loyalty).toMatchObject({ outstanding: 40, accounts: 1 })
      expect(programme.loyalty.value).toEqual(
        expect.arrayContaining([expect.objectContaining({ currency_code: "eur", amount: 0.4 })])
      )
      expect(programme.loyalty.latest_adjustments[0]).toMatchObject({
        points: 40,
        reason: "goodwill",
        actor_email: "admin@example.com",
        customer_email: "ada@example.com",
      })
    })

    it("refuses bad adjustment bodies with a 400 naming the field, and changes nothing", async () => {
      const ada = await shopper("ada@example.com")
      const url = `/admin/engagement/contacts/${ada.customerId}/loyalty/adjustments`
      const cases: [unknown, string][] = [
        [{ points: 0, reason: "x" }, "points"],
        [{ points: 1.5, reason: "x" }, "points"],
        [{ points: "10", reason: "x" }, "points"],
        [{ points: 10 }, "reason"],
        [{ points: 10, reason: "   " }, "reason"],
        [{ points: 10, reason: "x", customer_id: "cus_other" }, "customer_id"],
        [[{ points: 10, reason: "x" }], ""],
      ]
      for (const [body, field] of cases) {
        const answer = await api.post(url, body, seeded.admin).catch(errorResponse)
        expect([answer.status, body]).toEqual([400, body])
        expect(answer.data.message).toContain(field)
      }
      const missing = await api
        .post("/admin/engagement/contacts/cus_nobody/loyalty/adjustments", { points: 5, reason: "x" }, seeded.admin)
        .catch(errorResponse)
      expect(missing.status).toBe(404)
      expect(await loyalty().listLoyaltyTransactions({})).toHaveLength(0)
    })

    it("shows shoppers only their own points and keeps customers out of the admin routes", async () => {
      const ada = await shopper("ada@example.com")
      const bob = await shopper("bob@example.com")
      await adjustPoints(api, seeded.admin, ada.customerId, 70)
      expect((await balanceOf(bob)).balance).toBe(0)
      const asBob = await api
        .get(`/store/engagement/loyalty/transactions?customer_id=${ada.customerId}`, bob)
        .catch(errorResponse)
      expect(asBob.status).toBe(400)
      const anonymous = await api
        .get("/store/engagement/loyalty", { headers: { "x-publishable-api-key": seeded.store.publishableKey } })
        .catch(errorResponse)
      expect(anonymous.status).toBe(401)
      for (const path of [`/admin/engagement/contacts/${ada.customerId}/loyalty`, "/admin/engagement/loyalty"]) {
        const asCustomer = await api
          .get(path, { headers: { authorization: bob.headers.authorization } })
          .catch(errorResponse)
        expect(asCustomer.status).toBe(401)
      }
      const adjust = await api
        .post(
          `/admin/engagement/contacts/${bob.customerId}/loyalty/adjustments`,
          { points: 5000, reason: "me" },
          { headers: { authorization: bob.headers.authorization } }
        )
        .catch(errorResponse)
      expect(adjust.status).toBe(401)
      expect((await balanceOf(bob)).balance).toBe(0)
    })

    it("pages a history filtered by several types newest first, with the exact count of those types", async () => {
      const ada = await shopper("ada@example.com")
      const types = ["earn", "referral", "adjust", "scheme_bonus"] as const
      for (let n = 0; n < 12; n++) {
        // one write per row, so their times differ and the page's order is the rows' order
        await loyalty().postLoyaltyEntries([
          { customer_id: ada.customerId, type: types[n % 4], points: 10 + n, idempotency_key: `typed-${n}` },
        ])
      }
      const { data: all } = await api.get("/store/engagement/loyalty/transactions?limit=100", ada)
      const wanted = all.transactions.filter((row: { type: string }) => ["earn", "adjust"].includes(row.type))
      expect(wanted).toHaveLength(6)
      const { data: page } = await api.get(
        "/store/engagement/loyalty/transactions?type[]=earn&type[]=adjust&limit=3&offset=2",
        ada
      )
      expect(page).toMatchObject({ count: 6, offset: 2, limit: 3 })
      expect(page.transactions).toEqual(wanted.slice(2, 5))
      // one type, and a type the account has no row of
      const { data: referrals } = await api.get("/store/engagement/loyalty/transactions?type=referral", ada)
      expect(referrals.count).toBe(3)
      expect(referrals.transactions.map((row: { points: number }) => row.points)).toEqual([19, 15, 11])
      const { data: none } = await api.get("/store/engagement/loyalty/transactions?type=expire", ada)
      expect(none).toMatchObject({ count: 0, transactions: [] })
      // the admin's view of the same filter: the same rows, with the admin's fields
      const { data: asAdmin } = await api.get(
        `/admin/engagement/contacts/${ada.customerId}/loyalty/transactions?type[]=earn&type[]=adjust&limit=3&offset=2`,
        seeded.admin
      )
      expect(asAdmin.count).toBe(6)
      expect(asAdmin.transactions.map((row: { id: string }) => row.id)).toEqual(
        wanted.slice(2, 5).map((row: { id: string }) => row.id)
      )
      expect(asAdmin.transactions[0]).toHaveProperty("actor_type")
    })

    it("expires points and releases pending ones through the maintenance job", async () => {
      const ada = await shopper("ada@example.com")
      await adjustPoints(api, seeded.admin, ada.customerId, 30, "old")
      const [lot] = await loyalty().listLoyaltyTransactions({ customer_id: ada.customerId })
      await loyalty().updateLoyaltyTransactions([{ id: lot.id, expires_at: new Date(Date.now() - 1000) }])
      await loyaltyMaintenance(getContainer())
      expect(await balanceOf(ada)).toMatchObject({ balance: 0 })
      const { data } = await api.get("/store/engagement/loyalty/transactions?type=expire", ada)
      expect(data.transactions).toEqual([expect.objectContaining({ type: "expire", points: -30 })])
    })
  },
})
