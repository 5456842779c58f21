import axios, { AxiosInstance } from "axios"
import { eventually } from "../../helpers/stand-ins"
import { createCustomerSession, placeOrder } from "../../helpers/store"
import type { StandIn } from "../../stand-ins/stand-in"
import { Cluster, Member, scheduledRunsLogged, startCluster } from "../cluster"

/**
 * The production topology as docs/production-topology.md describes it: one `medusa start` with
 * MEDUSA_WORKER_MODE=server, two with MEDUSA_WORKER_MODE=worker, one REDIS_URL (Medusa's Redis event
 * bus, workflow engine, cache and locking), one database, every platform on a stand-in. Orders go
 * through the server's store API only; what the platforms receive is counted at the stand-ins, who
 * sent it at each process's proxy, and the rest in the database.
 */

jest.setTimeout(12 * 60_000)

const LEASE_MS = 12_000
// slow enough that a worker's calls are still with the platforms when it is killed, within the timeout
const SLOW_MS = 4000
const ENV = {
  // review requests are due at once: the minute job sends them
  ENGAGEMENT_REVIEW_DELAY: "0s",
  ENGAGEMENT_CONTACT_SYNC_WINDOW: "2s",
  ENGAGEMENT_HTTP_TIMEOUT: "6s",
  ENGAGEMENT_OUTBOX_LEASE: `${LEASE_MS}ms`,
  ENGAGEMENT_OUTBOX_BASE_DELAY: "1s",
  // the seed's admin, who changes a setting through the server (a test password, not a default)
  DEMO_ADMIN_PASSWORD: "topology-admin-password",
}
// the platforms that keep a copy of every contact
const CONTACT_PLATFORMS = ["crmcom", "engage", "expertsender", "rejoiner"]
const PLUGIN_JOBS = [
  "job-engagement-sweep-due-deliveries",
  "job-engagement-send-due-review-requests",
  "job-engagement-send-due-review-reminders",
  "job-engagement-sync-due-contacts",
]
// generous: review requests wait for a minute tick, a dead worker's rows for their lease and the sweep
const SETTLE_MS = 4 * 60_000

interface Placed {
  email: string
  orderId: string
  /** the shopper's signed-in session (publishable key included) */
  headers: Record<string, string>
}

let cluster: Cluster
let api: AxiosInstance
let variantId: string
const placed: Placed[] = []

beforeAll(async () => {
  cluster = await startCluster(ENV)
  api = axios.create({ baseURL: cluster.server.process.url })
  const { publishableKey } = cluster.db.summary
  const { data } = await api.get("/store/products?fields=variants.id&limit=1", {
    headers: { "x-publishable-api-key": publishableKey },
  })
  variantId = data.products[0].variants[0].id
  trace("cluster up")
}, 10 * 60_000)

afterAll(async () => {
  await cluster?.stop()
})

afterEach(() => {
  expect(cluster.platforms.all.flatMap((standIn) => standIn.violations())).toEqual([])
})

/** A signed-in shopper's checkout through the server, with the checkout's consent boxes ticked. */
async function placeSignedInOrder(n: number): Promise<Placed> {
  const store = cluster.db.summary
  const email = `shopper${n}@topology.engagement.dev`
  const session = await createCustomerSession(api, store, {
    email,
    password: "topology-password",
    first_name: "Topo",
    last_name: `Shopper ${n}`,
  })
  const order = await placeOrder(api, store, {
    email,
    customerHeaders: session.headers,
    items: [{ variant_id: variantId, quantity: 1 }],
    cartMetadata: { engagement_consents: { email_marketing: true, review_requests: true } },
  })
  return { email, orderId: order.id, headers: session.headers }
}

async function placeOrders(numbers: number[]): Promise<void> {
  // four shoppers at a time
  for (let i = 0; i < numbers.length; i += 4) {
    placed.push(...(await Promise.all(numbers.slice(i, i + 4).map(placeSignedInOrder))))
  }
  trace(`${placed.length} orders placed`)
}

const sql = async <T>(query: string, bindings: unknown[] = []): Promise<T[]> =>
  (await cluster.knex.raw(query, bindings as never[])).rows as T[]

/** The distinct values `keyOf` finds in a stand-in's accepted calls to `route`, with how often each came. */
function received(standIn: StandIn, route: string, keyOf: (body: unknown) => string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const call of standIn.acceptedCallsTo(route)) {
    const key = keyOf(call.body)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}
const reviewRequestsByEmail = () =>
  received(
    cluster.platforms.recensus,
    "customer-contact-request",
    (body) => /"customerEmail":"([^"]+)"/.exec(JSON.stringify(body))![1]
  )
const conversionsByEmail = () =>
  received(cluster.platforms.rejoiner, "convert", (body) => (body as { email: string }).email)

/** Waits until every placed order's work has reached every platform and nothing is left to send. */
async function settled(): Promise<void> {
  const emails = placed.map((order) => order.email)
  await eventually(async () => {
    const [state] = await sql<{ open: string; unsynced: string; synced: string; earned: string }>(
      `SELECT
         (SELECT count(*) FROM engagement_delivery WHERE status IN ('pending', 'sending') AND deleted_at IS NULL) AS open,
         (SELECT count(*) FROM engagement_contact_sync WHERE (dirty OR status <> 'synced') AND deleted_at IS NULL) AS unsynced,
         (SELECT count(*) FROM engagement_contact_sync WHERE NOT dirty AND status = 'synced' AND deleted_at IS NULL) AS synced,
         (SELECT count(DISTINCT order_id) FROM loyalty_transaction WHERE type = 'earn' AND deleted_at IS NULL) AS earned`
    )
    const missing = {
      review_requests: emails.filter((email) => !reviewRequestsByEmail().has(email)).length,
      conversions: emails.filter((email) => !conversionsByEmail().has(email)).length,
      deliveries_open: Number(state.open),
      contacts_unsynced: Number(state.unsynced) + placed.length * CONTACT_PLATFORMS.length - Number(state.synced),
      orders_without_points: placed.length - Number(state.earned),
    }
    if (Object.values(missing).some(Boolean)) {
      // the last state is in the timeout's message
      throw new Error(`not settled: ${JSON.stringify(missing)}`)
    }
    return true
  }, SETTLE_MS)
  trace("settled")
}

const started = Date.now()
/** TOPOLOGY_TRACE=1 prints when each phase ended (seconds since the file started). */
function trace(phase: string): void {
  if (process.env.TOPOLOGY_TRACE) {
    process.stderr.write(`topology: ${phase} at ${Math.round((Date.now() - started) / 1000)} s\n`)
  }
}

/** The contacts each platform that keeps contacts holds, by email (a contact held twice appears twice). */
function contactsHeld(): Record<"engage" | "crmcom" | "expertsender", string[]> {
  const { engage, crmcom, expertsender } = cluster.platforms
  return {
    engage: Object.values(engage.contacts)
      .map((contact) => String(contact.email))
      .sort(),
    crmcom: Object.values(crmcom.contacts)
      .map((contact) => String(contact.username))
      .sort(),
    expertsender: (expertsender.state.customers as { email: string }[]).map((customer) => customer.email).sort(),
  }
}

/** How many calls each process sent (to any platform), from its proxy, since `from` (an index per member). */
const sent = (member: Member, from = member.firstCall) => member.proxy.calls.length - from

describe("one server and two workers on Redis and PostgreSQL", () => {
  it("makes every review request, conversion, contact sync and points award of 20 orders once, in the workers only, and runs each minute job's tick in one worker", async () => {
    await placeOrders(Array.from({ length: 20 }, (_, n) => n))
    // a contact changed through the server (the shopper's own profile) is synced by a worker's job
    const renamed = placed[0]
    await api.post("/store/engagement/profile", { first_name: "Renamed" }, { headers: renamed.headers })
    await settled()
    const { recensus, rejoiner, engage, crmcom } = cluster.platforms
    const emails = placed.map((order) => order.email).sort()

    // review requests and conversions: one call per order
    expect([...reviewRequestsByEmail().keys()].sort()).toEqual(emails)
    expect(recensus.acceptedCallsTo("customer-contact-request")).toHaveLength(20)
    expect([...conversionsByEmail().keys()].sort()).toEqual(emails)
    expect(rejoiner.acceptedCallsTo("convert")).toHaveLength(20)
    const reviewRequests = await sql<{ status: string; count: string }>(
      `SELECT status, count(*) FROM engagement_review_request WHERE deleted_at IS NULL GROUP BY status`
    )
    expect(reviewRequests.map((row) => [row.status, Number(row.count)])).toEqual([["sent", 20]])

    // contact sync: each contact created once on every platform that keeps contacts
    expect(engage.acceptedCallsTo("create_contact")).toHaveLength(20)
    expect(crmcom.acceptedCallsTo("register_contact")).toHaveLength(20)
    expect(rejoiner.acceptedCallsTo("create_customer")).toHaveLength(20)
    expect(contactsHeld()).toEqual({ engage: emails, crmcom: emails, expertsender: emails })
    expect(Object.values(engage.contacts).find((contact) => contact.email === renamed.email)?.firstName).toBe("Renamed")
    const syncs = await sql<{ platform: string; count: string }>(
      `SELECT platform, count(*) FROM engagement_contact_sync WHERE status = 'synced' GROUP BY platform ORDER BY platform`
    )
    expect(syncs.map((row) => [row.platform, Number(row.count)])).toEqual(CONTACT_PLATFORMS.map((p) => [p, 20]))

    // points: one award per order line (each order has one)
    const awards = await sql<{ order_id: string; count: string }>(
      `SELECT order_id, count(*) FROM loyalty_transaction WHERE type = 'earn' AND deleted_at IS NULL GROUP BY order_id`
    )
    expect(awards.map((row) => row.order_id).sort()).toEqual(placed.map((order) => order.orderId).sort())
    expect(awards.every((row) => Number(row.count) === 1)).toBe(true)

    // every delivery went out once and came back delivered; none had to be resent
    const deliveries = await sql<{ status: string; in_doubt: boolean; attempts: number }>(
      `SELECT status, in_doubt, attempts FROM engagement_delivery WHERE deleted_at IS NULL`
    )
    expect(deliveries.filter((row) => row.status !== "delivered" || row.in_doubt || row.attempts !== 1)).toEqual([])

    // the server answered the shoppers and sent nothing; both workers sent their share
    expect(sent(cluster.server)).toBe(0)
    for (const worker of cluster.workers) {
      expect(sent(worker)).toBeGreaterThan(0)
    }

    // each tick of each scheduled job ran in one worker: the runs the workers logged are the runs
    // Redis holds (one per tick), and there was at least one tick of every minute job of the plugin
    await eventually(async () => {
      const queued = await cluster.scheduledRuns()
      const logged = scheduledRunsLogged(cluster.workers)
      expect(Object.fromEntries(logged)).toEqual(Object.fromEntries(queued))
      return PLUGIN_JOBS.every((job) => (queued.get(job) ?? 0) >= 1)
    }, 120_000)
  })

  it("loses nothing when a worker is killed by SIGKILL mid-delivery, resends only what may arrive twice, and the restarted worker takes its share", async () => {
    const { recensus, rejoiner, engage, all } = cluster.platforms
    for (const standIn of all) {
      standIn.latencyMs = SLOW_MS
    }
    const before = placed.length
    const ordering = placeOrders(Array.from({ length: 6 }, (_, n) => 100 + n))

    // the first worker found with calls in flight dies while the platforms still hold them
    const victim = await eventually(
      async () => cluster.workers.find((worker) => worker.proxy.inFlight().length >= 2),
      120_000
    )
    await victim.process.kill()
    const inFlightAtKill = victim.proxy.inFlight()
    trace(
      `${victim.label} killed with ${inFlightAtKill.map((call) => `${call.platform} ${call.method} ${call.url}`).join(", ")} in flight`
    )
    expect(inFlightAtKill.length).toBeGreaterThan(0)
    for (const standIn of all) {
      standIn.latencyMs = 0
    }
    await ordering

    // restarted, it takes its share of the next orders
    await cluster.restart(victim)
    trace(`${victim.label} restarted`)
    await placeOrders(Array.from({ length: 6 }, (_, n) => 200 + n))
    await settled()
    expect(sent(victim)).toBeGreaterThan(0)

    // nothing lost: every order reached Recensus and Rejoiner, earned its points, and every contact is synced
    const emails = placed.map((order) => order.email).sort()
    expect([...reviewRequestsByEmail().keys()].sort()).toEqual(emails)
    expect([...conversionsByEmail().keys()].sort()).toEqual(emails)
    const [earned] = await sql<{ count: string }>(
      `SELECT count(*) FROM loyalty_transaction WHERE type = 'earn' AND deleted_at IS NULL`
    )
    expect(Number(earned.count)).toBe(placed.length)
    const left = await sql<{ platform: string; operation: string; status: string }>(
      `SELECT platform, operation, status FROM engagement_delivery WHERE status <> 'delivered' AND deleted_at IS NULL`
    )
    expect(left).toEqual([])

    // exactly once where the platform can be asked (docs/delivery-guarantees.md): a create in
    // doubt is looked up, or signed in to, before it is sent again
    expect(engage.acceptedCallsTo("create_contact")).toHaveLength(placed.length)
    expect(rejoiner.acceptedCallsTo("create_customer")).toHaveLength(placed.length)
    // ExpertSender's AddOrUpdate is once in effect: one customer per email however often a batch came
    expect(contactsHeld()).toEqual({ engage: emails, crmcom: emails, expertsender: emails })

    // at least once (Recensus requests, Rejoiner conversions): a second call only for a delivery the
    // dead worker had in flight, which the outbox marked in doubt when it took the row back
    const inDoubt = await sql<{ platform: string; operation: string; payload: unknown }>(
      `SELECT platform, operation, payload FROM engagement_delivery WHERE in_doubt AND deleted_at IS NULL`
    )
    trace(`in doubt after the kill: ${inDoubt.map((row) => `${row.platform} ${row.operation}`).join(", ") || "none"}`)
    const inDoubtText = inDoubt.map((row) => `${row.platform} ${row.operation} ${JSON.stringify(row.payload)}`)
    const victimSent = victim.proxy.calls.map((call) => `${call.platform} ${call.body}`)
    for (const [platform, counts] of [
      ["recensus", reviewRequestsByEmail()],
      ["rejoiner", conversionsByEmail()],
    ] as const) {
      for (const [email, count] of counts) {
        if (count > 1) {
          trace(`${platform} received twice: ${email}`)
          expect([email, count]).toEqual([email, 2])
          expect(inDoubtText.some((row) => row.startsWith(platform) && row.includes(email))).toBe(true)
          expect(victimSent.some((call) => call.startsWith(platform) && call.includes(email))).toBe(true)
        }
      }
    }
    expect(recensus.acceptedCallsTo("customer-contact-request").length).toBeGreaterThanOrEqual(placed.length)
    // the orders of this test are the ones after the first test's 20
    expect(placed.length - before).toBe(12)
  })

  it("awards the next order in a worker at an earning rate an admin saved through the server seconds before", async () => {
    const { data: login } = await api.post("/auth/user/emailpass", {
      email: "admin@example.com",
      password: ENV.DEMO_ADMIN_PASSWORD,
    })
    const admin = { headers: { authorization: `Bearer ${login.token}` } }
    const { settings } = (await api.get("/admin/engagement/settings/loyalty-earning", admin)).data
    const rate = (settings.values.points_per_unit.default as number) * 7
    await api.post(
      "/admin/engagement/settings/loyalty-earning",
      { version: settings.version, values: { ...settings.values, points_per_unit: { default: rate } } },
      admin
    )
    // every process reads the settings at use time, each at most 2 s old (SETTINGS_CACHE_MS)
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const order = await placeSignedInOrder(300)
    placed.push(order)
    // the server runs no subscriber (MEDUSA_WORKER_MODE=server): a worker's order.placed wrote these
    const rows = await eventually(async () => {
      const found = await sql<{ points: number; rate: { points_per_unit: number } }>(
        `SELECT points, rate FROM loyalty_transaction WHERE order_id = ? AND type = 'earn' AND deleted_at IS NULL`,
        [order.orderId]
      )
      return found.length ? found : undefined
    }, 60_000)
    expect(rows.map((row) => row.rate.points_per_unit)).toEqual([rate])
    const [earlier] = await sql<{ rate: { points_per_unit: number } }>(
      `SELECT rate FROM loyalty_transaction WHERE order_id = ? AND type = 'earn' AND deleted_at IS NULL LIMIT 1`,
      [placed[0].orderId]
    )
    expect(earlier.rate.points_per_unit).toBe(rate / 7)
  })
})
