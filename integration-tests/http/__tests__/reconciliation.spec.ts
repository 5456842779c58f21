import type { SubscriberArgs } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import type { Knex } from "knex"
import orderPlaced from "../../../src/subscribers/order-placed"
import { reconcileOrders } from "../../../src/workflows/reconciliation/reconcile-orders"
import { engagementOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { dropEvents, NO_WORK, orderWorkOf } from "../../helpers/order-work"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders, createShopper, linesOf, NOTEBOOK, PEN, placeOrder } from "../../helpers/store"

jest.setTimeout(240_000)

// no grace period: an order is checked as soon as it is placed; the job itself never ticks during
// the file, so only the tests' own runs repair
useTestPlatforms({ ENGAGEMENT_RECONCILIATION_GRACE: "0s", ENGAGEMENT_RECONCILIATION_INTERVAL: "1d" })

const CHECKOUT_CHOICES = {
  engagement_consents: { email_marketing: true, sms_marketing: false, review_requests: true },
}

// one review-request decision, one statistics fact, one conversion row (Rejoiner), an earn row per
// line (two lines), the checkout's outcome and its three consent rows
const ALL_WORK = {
  review_requests: 1,
  order_facts: 1,
  conversions: 1,
  earn_rows: 2,
  checkout_outcomes: 1,
  checkout_consents: 3,
}

engagementSuite({
  testSuite: ({ api, getContainer, dbConnection }, seeded) => {
    const knex = () => dbConnection as Knex

    /** A signed-in shopper's order of two lines with the checkout's consent boxes ticked. */
    async function placeTwoLineOrder(email: string) {
      const session = await createShopper(api, seeded.store, email)
      return await placeOrder(api, seeded.store, {
        email,
        customerHeaders: session.headers,
        items: linesOf(seeded.store, [
          [PEN, 1],
          [NOTEBOOK, 2],
        ]),
        cartMetadata: CHECKOUT_CHOICES,
      })
    }

    /** An order placed while its order.placed is lost: none of its work is done. */
    async function placeWithLostEvent(email: string) {
      const restore = dropEvents(getContainer().resolve(Modules.EVENT_BUS), ["order.placed"])
      try {
        return await placeTwoLineOrder(email)
      } finally {
        restore()
      }
    }

    it("does the work of an order whose order.placed was lost, exactly once however often it runs", async () => {
      const order = await placeWithLostEvent("lost@example.com")
      expect(await orderWorkOf(knex(), [order.id])).toEqual({ [order.id]: NO_WORK })

      const first = await reconcileOrders(getContainer())
      const second = await reconcileOrders(getContainer())

      expect(await orderWorkOf(knex(), [order.id])).toEqual({ [order.id]: ALL_WORK })
      expect(first.repaired.map((repair) => repair.kind).sort()).toEqual([
        "cart_conversion",
        "checkout_consents",
        "loyalty_points",
        "order_facts",
        "review_request",
      ])
      expect(first.failed).toEqual([])
      expect(second.repaired).toEqual([])

      // the admin sees it: 1 order repaired in the last 24 h
      const admin = await createAdminHeaders(getContainer())
      const { data } = await api.get("/admin/engagement/reconciliation", admin)
      expect(data.reconciliation).toEqual(
        expect.objectContaining({ hours: 24, orders_repaired: 1, order_ids: [order.id] })
      )
      expect(data.reconciliation.kinds).toHaveLength(5)
    })

    it("repairs nothing of an order whose subscribers did their work", async () => {
      const order = await placeTwoLineOrder("kept@example.com")
      await eventually(async () => {
        const work = (await orderWorkOf(knex(), [order.id]))[order.id]
        return JSON.stringify(work) === JSON.stringify(ALL_WORK)
      })
      const summary = await reconcileOrders(getContainer())
      expect(summary.checked).toBe(1)
      expect(summary.repaired).toEqual([])
      expect(await orderWorkOf(knex(), [order.id])).toEqual({ [order.id]: ALL_WORK })
    })

    it("ends with the work done once when the subscribers run late, at the same time as two reconciliations", async () => {
      const order = await placeWithLostEvent("late@example.com")
      const container = getContainer()
      const event = { name: "order.placed", data: { id: order.id } }
      const subscribers: ((args: SubscriberArgs<{ id: string }>) => Promise<void>)[] = [orderPlaced, orderPlaced]
      await Promise.allSettled([
        reconcileOrders(container),
        ...subscribers.map((subscriber) => subscriber({ event, container, pluginOptions: {} })),
        reconcileOrders(container),
      ])
      // whatever lost a race is done by the next run
      await reconcileOrders(container)
      expect(await orderWorkOf(knex(), [order.id])).toEqual({ [order.id]: ALL_WORK })
      const repairs = await engagementOf(container).listRepairsSince(new Date(0))
      expect(new Set(repairs.map((repair) => repair.kind)).size).toBe(repairs.length)
    })

    it("keeps the other parts of an order's work when one part fails, and reconciliation redoes that part alone", async () => {
      const order = await placeWithLostEvent("part@example.com")
      const container = getContainer()
      // the review request's write fails, as a database error would make it: the part in the middle
      await knex().raw(`
        CREATE FUNCTION engagement_test_refuse() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER engagement_test_refuse BEFORE INSERT ON engagement_review_request
          FOR EACH ROW EXECUTE FUNCTION engagement_test_refuse();`)
      let failure: unknown = null
      try {
        await orderPlaced({ event: { name: "order.placed", data: { id: order.id } }, container, pluginOptions: {} })
      } catch (error) {
        failure = error
      } finally {
        await knex().raw(`DROP TRIGGER engagement_test_refuse ON engagement_review_request;
          DROP FUNCTION engagement_test_refuse();`)
      }
      expect(String(failure)).toContain("placed-order-review-request")
      expect(await orderWorkOf(knex(), [order.id])).toEqual({ [order.id]: { ...ALL_WORK, review_requests: 0 } })

      const summary = await reconcileOrders(container)
      expect(summary.repaired.map((repair) => repair.kind)).toEqual(["review_request"])
      expect(await orderWorkOf(knex(), [order.id])).toEqual({ [order.id]: ALL_WORK })
    })

    it("reads a placed order once for all the parts, and writes what each part reading it for itself writes", async () => {
      const shared = await placeWithLostEvent("shared-read@example.com")
      const apart = await placeWithLostEvent("apart-read@example.com")
      const container = getContainer()
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const graph = jest.spyOn(query, "graph")
      try {
        // order.placed's one workflow: the parts share one read of the order
        await orderPlaced({ event: { name: "order.placed", data: { id: shared.id } }, container, pluginOptions: {} })
        const readsOfShared = graph.mock.calls.filter(
          ([args]) => args.entity === "order" && JSON.stringify(args.filters) === JSON.stringify({ id: shared.id })
        )
        expect(readsOfShared).toHaveLength(1)
      } finally {
        graph.mockRestore()
      }
      // the reconciliation runs each part on its own: each reads the order itself
      await reconcileOrders(container)
      expect(await orderWorkOf(knex(), [shared.id, apart.id])).toEqual({ [shared.id]: ALL_WORK, [apart.id]: ALL_WORK })

      // the same order (but for its shopper) gives the same points, fact, review request and conversion
      const writtenFor = async (orderId: string) => {
        const earn = await knex().raw(
          `SELECT points, rate, round(extract(epoch FROM available_at - created_at))::int AS pending_s FROM loyalty_transaction
            WHERE order_id = ? AND type = 'earn' ORDER BY points, rate`,
          [orderId]
        )
        const fact = await knex().raw(
          `SELECT total, raw_total, item_count, currency_code FROM engagement_order_fact WHERE order_id = ?`,
          [orderId]
        )
        const review = await knex().raw(
          `SELECT status, trigger, channel, delay_seconds, purchases, excluded_items FROM engagement_review_request
            WHERE order_id = ?`,
          [orderId]
        )
        const conversion = await knex().raw(
          `SELECT platform, operation, payload FROM engagement_delivery
            WHERE idempotency_key LIKE 'conversion:' || ? || ':%'`,
          [orderId]
        )
        const consents = await knex().raw(
          `SELECT purpose, channel, value, source FROM engagement_consent
            WHERE id LIKE 'engcon_checkout_' || ? || '_%' ORDER BY purpose`,
          [orderId]
        )
        // the order's and the shopper's own ids, email and order number differ between the two orders
        const scrub = (value: unknown) =>
          JSON.parse(
            JSON.stringify(value)
              .replaceAll(orderId, "ORDER")
              .replace(/(shared|apart)-read@example\.com/g, "EMAIL")
              .replace(/"order_number":"\d+"/g, '"order_number":"N"')
              .replace(/"(cart|order|cus|ordli|prod|variant)_[0-9A-Z]+"/g, '"$1_ID"')
          )
        // the plugin sorts an order's lines by id (shared-order-read.ts), and the two orders' line ids
        // are drawn at random within the millisecond they were made together: compared as sets
        const byText = (items: unknown[] | undefined) =>
          items?.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
        review.rows.forEach((row: { purchases?: unknown[] }) => byText(row.purchases))
        conversion.rows.forEach((row: { payload?: { cart_items?: unknown[] } }) => byText(row.payload?.cart_items))
        return scrub([earn.rows, fact.rows, review.rows, conversion.rows, consents.rows])
      }
      const [sharedWrites, apartWrites] = [await writtenFor(shared.id), await writtenFor(apart.id)]
      expect(sharedWrites[0]).toHaveLength(2)
      expect(sharedWrites[3]).toHaveLength(1)
      expect(sharedWrites).toEqual(apartWrites)
    })

    it("answers what it repaired only to an admin, and refuses a bad query naming the field", async () => {
      const admin = await createAdminHeaders(getContainer())
      const anonymous = await responseOf(api.get("/admin/engagement/reconciliation"))
      expect(anonymous.status).toBe(401)
      for (const query of ["hours=abc", "hours=0", "hours=100000", "since=yesterday", "hours=1&hours=2"]) {
        const answer = await responseOf(api.get(`/admin/engagement/reconciliation?${query}`, admin))
        expect([query, answer.status]).toEqual([query, 400])
      }
      const { data } = await api.get("/admin/engagement/reconciliation?hours=1", admin)
      expect(data.reconciliation).toEqual(
        expect.objectContaining({ hours: 1, orders_repaired: 0, order_ids: [], kinds: [] })
      )
    })
  },
})
