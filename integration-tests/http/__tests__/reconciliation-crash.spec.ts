import path from "node:path"
import axios from "axios"
import knexFactory, { Knex } from "knex"
import {
  createStoreDatabase,
  flushRedis,
  freePort,
  Platforms,
  startPlatforms,
  startStoreProcess,
  StoreDatabase,
  StoreProcess,
} from "../../helpers/medusa-store"
import { orderWorkOf } from "../../helpers/order-work"
import { eventually } from "../../helpers/stand-ins"
import { createCustomerSession, placeOrder } from "../../helpers/store"

/**
 * A store in a real `medusa start` process is killed with SIGKILL right after its checkouts
 * answer, before its order.placed subscribers have committed their work: the tables they write are
 * locked by the test while the orders are placed, the process is killed, and its connections
 * waiting on the locks are ended as the dead process's would be. The store is started again with
 * the reconciliation job ticking every few seconds, and every order must end with all its work,
 * once: on the in-memory event bus and on Redis (database 11, RECONCILIATION_REDIS_URL).
 */

jest.setTimeout(12 * 60_000)

const root = path.resolve(__dirname, "../../..")
const REDIS_URL = process.env.RECONCILIATION_REDIS_URL || "redis://127.0.0.1:6379/11"
const ADMIN = { email: "reconcile-admin@example.com", password: "reconcile-admin-password" }
const ORDERS = 3
// what order.placed's subscribers write, apart from the checkout's outcome (the checkout route writes that table)
const SUBSCRIBER_TABLES = [
  "engagement_review_request",
  "engagement_order_fact",
  "engagement_delivery",
  "loyalty_transaction",
  "engagement_consent",
]
// one review-request decision, one statistics fact, one Rejoiner conversion, one earn row (one line),
// the checkout's outcome and its two consent rows
const ALL_WORK = {
  review_requests: 1,
  order_facts: 1,
  conversions: 1,
  earn_rows: 1,
  checkout_outcomes: 1,
  checkout_consents: 2,
}

describe.each([
  ["the in-memory event bus", undefined],
  ["Redis", REDIS_URL],
])("an order whose store is killed right after its checkout answers, on %s", (_bus, redisUrl) => {
  let platforms: Platforms
  let db: StoreDatabase
  let knex: Knex
  let store: StoreProcess | undefined
  let env: Record<string, string | undefined>

  beforeAll(async () => {
    if (redisUrl) {
      const unreachable = await flushRedis(redisUrl)
      if (unreachable) {
        throw new Error(`this test needs Redis at ${redisUrl} (RECONCILIATION_REDIS_URL): ${unreachable.message}`)
      }
    }
    platforms = await startPlatforms()
    // the review and conversion platforms only: the contact platforms have no part in an order's work
    const platformEnv = Object.fromEntries(
      Object.entries(platforms.env).filter(([key]) => /^(RECENSUS|REJOINER)_/.test(key))
    )
    env = {
      ...platformEnv,
      REDIS_URL: redisUrl,
      ENGAGEMENT_CONTACT_SYNC_WINDOW: "1h",
      // the subscribers and jobs waiting on the test's locks must leave connections for the checkouts
      DATABASE_POOL_MAX: "40",
      DEMO_ADMIN_EMAIL: ADMIN.email,
      DEMO_ADMIN_PASSWORD: ADMIN.password,
    }
    db = await createStoreDatabase(`engagement_reconcile_${redisUrl ? "redis" : "local"}_${process.pid}`, root, {
      ...env,
      REDIS_URL: undefined,
    })
    knex = knexFactory({ client: "pg", connection: db.url, pool: { min: 0, max: 4 } })
  }, 6 * 60_000)

  afterAll(async () => {
    await store?.stop()
    await knex?.destroy()
    await db?.drop()
    await platforms?.stop()
    if (redisUrl) {
      await flushRedis(redisUrl)
    }
  })

  /** The store as a real process on a free port; its reconciliation checks orders at once, every `interval`. */
  async function startStore(label: string, reconciliation: Record<string, string>) {
    return await startStoreProcess(
      label,
      root,
      await freePort(),
      { ...env, DATABASE_URL: db.url, ...reconciliation },
      { capture: true }
    )
  }

  it("ends with all of each order's work done exactly once after a restart", async () => {
    // no reconciliation in the first process: the orders are younger than its grace period
    store = await startStore("store", { ENGAGEMENT_RECONCILIATION_GRACE: "1h" })
    const api = axios.create({ baseURL: store.url })
    const { data } = await api.get("/store/products?fields=variants.id&limit=1", {
      headers: { "x-publishable-api-key": db.summary.publishableKey },
    })
    const variantId: string = data.products[0].variants[0].id
    const sessions = await Promise.all(
      Array.from({ length: ORDERS }, (_, n) =>
        createCustomerSession(api, db.summary, {
          email: `shopper${n}@reconcile.engagement.dev`,
          password: "reconcile-password",
          first_name: "Rec",
          last_name: `Shopper ${n}`,
        })
      )
    )

    // the subscribers' writes wait on the test's locks while the checkouts complete
    const locks = await knex.transaction()
    let orderIds: string[]
    try {
      await locks.raw(`LOCK TABLE ${SUBSCRIBER_TABLES.join(", ")} IN EXCLUSIVE MODE`)
      const orders = await Promise.all(
        sessions.map((session, n) =>
          placeOrder(api, db.summary, {
            email: `shopper${n}@reconcile.engagement.dev`,
            customerHeaders: session.headers,
            items: [{ variant_id: variantId, quantity: 1 }],
            cartMetadata: { engagement_consents: { email_marketing: true, review_requests: true } },
          })
        )
      )
      orderIds = orders.map((order) => order.id)
      await store.kill()
      // a dead process's connections end; these would otherwise write once the locks are gone
      await locks.raw(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND (wait_event_type = 'Lock' OR state LIKE 'idle in transaction%')`
      )
    } finally {
      await locks.rollback()
    }

    // the work was lost: nothing the subscribers write is there (the outcome row is the checkout's table)
    const lost = await orderWorkOf(knex, orderIds)
    for (const id of orderIds) {
      expect({ ...lost[id], checkout_outcomes: 0 }).toEqual({
        review_requests: 0,
        order_facts: 0,
        conversions: 0,
        earn_rows: 0,
        checkout_outcomes: 0,
        checkout_consents: 0,
      })
    }

    store = await startStore("store after the crash", {
      ENGAGEMENT_RECONCILIATION_GRACE: "0s",
      ENGAGEMENT_RECONCILIATION_INTERVAL: "3s",
    })
    const done = Object.fromEntries(orderIds.map((id) => [id, ALL_WORK]))
    await eventually(async () => JSON.stringify(await orderWorkOf(knex, orderIds)) === JSON.stringify(done), 4 * 60_000)
    // a few more ticks change nothing
    await new Promise((resolve) => setTimeout(resolve, 10_000))
    expect(await orderWorkOf(knex, orderIds)).toEqual(done)

    // each platform got each order's call once: Rejoiner one conversion per order
    await eventually(async () => platforms.rejoiner.acceptedCallsTo("convert").length >= ORDERS, 60_000)
    const converted = platforms.rejoiner
      .acceptedCallsTo("convert")
      .map((call) => (call.body as { email: string }).email)
    expect(converted.sort()).toEqual(sessions.map((_, n) => `shopper${n}@reconcile.engagement.dev`).sort())

    // the admin sees the repaired orders
    const restarted = axios.create({ baseURL: store.url })
    const { data: auth } = await restarted.post("/auth/user/emailpass", ADMIN)
    const { data: summary } = await restarted.get("/admin/engagement/reconciliation", {
      headers: { authorization: `Bearer ${auth.token}` },
    })
    const repaired = [...summary.reconciliation.order_ids].sort()
    if (redisUrl) {
      // Redis may also give a dead worker's stalled event to the new process: what it did is not a repair
      expect(orderIds).toEqual(expect.arrayContaining(repaired))
    } else {
      expect(repaired).toEqual([...orderIds].sort())
    }
    expect(summary.reconciliation.orders_repaired).toBe(repaired.length)
    expect(platforms.all.flatMap((standIn) => standIn.violations())).toEqual([])
  })
})
