/**
 * npm run bench -- --soak [--scale=0.1]: load without loss. Orders (1,000 at scale 1) and contact
 * changes (10,000) go through a real Medusa's store API at once, while Rejoiner fails every second
 * call (503) and Voyado Engage answers every tenth with 429 and Retry-After. Once the load has ended
 * and the plugin's jobs have had their time, it checks that every platform holds exactly one of each
 * expected call (one conversion per order, one review request per request sent, each shopper's
 * contact once with their last name), that each order earned its points once, and that no
 * delivery is left in `sending` or due. A tenth of the shoppers (at least two) stop halfway and are
 * erased through the admin API while the load goes on: nothing may reach a platform for them
 * afterwards but their stop calls, each accepted once. Not part of CI: it takes minutes.
 *
 * `--topology[=N]` loads the production topology instead of one shared-mode process: a server and
 * N workers (2) on Redis; the load goes through the server, the workers do the plugin's work. Each
 * process reaches the stand-ins through a proxy of its own: every worker must have sent calls, and
 * no platform may have had more calls in flight than its limit across them.
 */
import knexFactory, { Knex } from "knex"
import { PORTS } from "./lib/config"
import { databaseUrl } from "./lib/db"
import type { Figure } from "./lib/report"
import { startPlatforms, type Platforms } from "./lib/store-server"
import { SOAK_ADMIN, SOAK_REDIS_URL, startSoakStore, type SoakStore } from "./lib/soak-store"
import { processChecks, soakChecks } from "./lib/soak-checks"
import { eraseWhenQuiet, erasureChecks, type ErasedShopper } from "./lib/soak-erasures"
import { call, checkout, customerSession } from "./lib/storefront"

const LATENCY_MS = 20
const PORT = PORTS.soak
// how long the outbox, the contact sync and the review requests may take to settle after the load
const SETTLE_MS = 15 * 60_000

export interface Shopper {
  email: string
  headers: Record<string, string>
  /** the first name the shopper set last (what each platform must end up holding) */
  lastName: string
}

/** Runs `tasks` with at most `width` at once; resolves when all have ended. */
async function inParallel(width: number, tasks: (() => Promise<void>)[]): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < tasks.length) {
      await tasks[next++]()
    }
  }
  await Promise.all(Array.from({ length: width }, lane))
}

/** Rows the plugin still has to act on: deliveries not ended, contacts waiting, review requests due. */
async function pendingWork(db: Knex) {
  const [{ deliveries }] = await db("engagement_delivery")
    .whereIn("status", ["pending", "sending"])
    .count<{ deliveries: string }[]>({ deliveries: "*" })
  const [{ contacts }] = await db("engagement_contact_sync")
    .where((query) => query.where("dirty", true).orWhereIn("status", ["pending", "syncing"]))
    .count<{ contacts: string }[]>({ contacts: "*" })
  const [{ reviews }] = await db("engagement_review_request")
    .where("status", "scheduled")
    .andWhere("send_at", "<=", db.fn.now())
    .count<{ reviews: string }[]>({ reviews: "*" })
  return { deliveries: Number(deliveries), contacts: Number(contacts), reviews: Number(reviews) }
}

export async function benchSoak(scale: number, options: Record<string, string> = {}): Promise<Figure[]> {
  const workers = options.topology ? (options.topology === "true" ? 2 : Number(options.topology)) : 0
  if (!Number.isInteger(workers) || workers < 0) {
    throw new Error(`--topology: a number of workers, not ${options.topology}`)
  }
  const where = workers
    ? `a server and ${workers} workers on Redis (${SOAK_REDIS_URL})`
    : "one medusa start in shared mode, no Redis"
  console.error(`   soak on ${where}`)
  const orders = Math.max(20, Math.round(1000 * scale))
  const changes = Math.max(100, Math.round(10_000 * scale))
  const shopperCount = Math.max(10, Math.round(100 * scale))
  const platforms: Platforms = await startPlatforms(LATENCY_MS)
  const byName = Object.fromEntries(platforms.all.map((standIn) => [standIn.name, standIn]))
  let store: SoakStore | undefined
  let db: Knex | undefined
  try {
    store = await startSoakStore(PORT, platforms.env, workers)
    db = knexFactory({ client: "pg", connection: databaseUrl(store.database) })
    byName.rejoiner.failEvery(2, { kind: "status", status: 503, body: { message: "soak: unavailable" } })
    byName.engage.failEvery(10, { kind: "status", status: 429, headers: { "retry-after": "2" } })

    const shoppers: Shopper[] = []
    for (let n = 0; n < shopperCount; n++) {
      const email = `soak-${process.pid}-${n}@example.com`
      const headers = await customerSession(store, email)
      await call(
        `${store.url}/store/engagement/consents`,
        "POST",
        {
          consents: [{ purpose: "email_marketing", value: "True", wording: "Soak: yes, send me news" }],
        },
        headers
      )
      shoppers.push({ email, headers, lastName: "Bench" })
    }

    const { token } = await call(`${store.url}/auth/user/emailpass`, "POST", SOAK_ADMIN)
    const adminHeaders = { authorization: `Bearer ${token}` }
    // the shoppers erased during the load stop ordering and changing halfway, then are erased
    const toErase = new Set(shoppers.slice(0, Math.max(2, Math.round(shopperCount / 10))))
    const retired = new Set<Shopper>()
    const checkingOut = new Map<Shopper, number>()
    const erasures: Promise<ErasedShopper>[] = []
    let changesMade = 0

    const placed: { id: string; display_id: number; email: string }[] = []
    const orderTasks = Array.from({ length: orders }, (_, n) => async () => {
      let index = n % shoppers.length
      while (retired.has(shoppers[index])) {
        index = (index + 1) % shoppers.length
      }
      const shopper = shoppers[index]
      checkingOut.set(shopper, (checkingOut.get(shopper) ?? 0) + 1)
      try {
        const { order } = await checkout(store!, shopper.headers, shopper.email, n)
        placed.push({ id: order.id, display_id: order.display_id, email: shopper.email })
      } finally {
        checkingOut.set(shopper, checkingOut.get(shopper)! - 1)
      }
    })
    const erase = async (shopper: Shopper) => {
      retired.add(shopper)
      while (checkingOut.get(shopper)) {
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      const theirs = () => placed.filter((order) => order.email === shopper.email).map((order) => order.id)
      return await eraseWhenQuiet(store!.url, adminHeaders, db!, byName, shopper, theirs, Date.now() + SETTLE_MS)
    }
    // each shopper's changes in order, one lane per shopper: the last one sent is the last one made
    const changeLanes = shoppers.map((shopper, index) => async () => {
      const until = toErase.has(shopper) ? changes / 2 : changes
      for (let k = index; k < until; k += shoppers.length) {
        const name = `Soak${index}n${k}x`
        await call(`${store!.url}/store/customers/me`, "POST", { first_name: name }, shopper.headers)
        shopper.lastName = name
        changesMade++
      }
      if (toErase.has(shopper)) {
        const erasure = erase(shopper)
        // handled when the load has ended (awaited with the others), not an unhandled rejection meanwhile
        erasure.catch(() => undefined)
        erasures.push(erasure)
      }
    })
    const loadStarted = Date.now()
    const timings = await Promise.all([
      inParallel(8, orderTasks).then(() => Date.now()),
      inParallel(16, changeLanes).then(() => Date.now()),
    ])
    const erased = await Promise.all(erasures)
    const erasedBeforeLoadEnded = erased.filter((shopper) => shopper.at <= timings[0]).length
    const loadEnded = Date.now()

    let settledAt = 0
    let left = await pendingWork(db)
    while (Date.now() - loadEnded < SETTLE_MS) {
      // a poll that fails (the shared PostgreSQL out of connections for a while) is tried again
      left = await pendingWork(db).catch(() => ({ ...left, deliveries: left.deliveries || 1 }))
      if (!left.deliveries && !left.contacts && !left.reviews) {
        settledAt = Date.now()
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 2000))
    }
    if (!settledAt) {
      // the checks are still worth printing: what did not settle is one more short figure
      console.error(`   the plugin did not settle within ${SETTLE_MS / 60_000} minutes: ${JSON.stringify(left)}`)
      settledAt = Date.now()
    }
    const erasedEmails = new Set(erased.map((shopper) => shopper.email))
    const checks = await soakChecks(db, byName, placed, shoppers, erasedEmails)
    const seconds = (ms: number) => ms / 1000
    return [
      {
        name: "soak: orders placed per second",
        value: orders / seconds(timings[0] - loadStarted),
        compare: "info",
        detail: `${orders} checkouts, 8 at a time, beside ${changesMade} contact changes of ${shopperCount} shoppers and ${erased.length} erasures (${erasedBeforeLoadEnded} while orders were still placed); ${where}`,
      },
      {
        name: "soak: contact changes per second",
        value: changesMade / seconds(timings[1] - loadStarted),
        compare: "info",
        detail: "POST /store/customers/me, one lane per shopper, 16 at a time",
      },
      {
        name: "soak: seconds to settle after the load",
        value: seconds(settledAt - loadEnded),
        compare: "info",
        detail: "until no delivery is pending or sending, no contact waits, no review request is due",
      },
      {
        name: "soak: work left unsettled when the wait ended",
        value: left.deliveries + left.contacts + left.reviews,
        compare: "<=",
        target: 0,
        unit: "rows",
        detail: `${JSON.stringify(left)} after ${SETTLE_MS / 60_000} minutes at most`,
      },
      ...checks,
      ...(await erasureChecks(db, byName, erased)),
      ...processChecks(byName, store.proxies),
    ]
  } finally {
    await db?.destroy()
    await store?.stop()
    await platforms.stop()
  }
}
