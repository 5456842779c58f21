/**
 * The reads a shopper and an admin meet as a history grows, through the HTTP routes they use, on a
 * real store (the plugin loaded, every platform behind a stand-in), each as a ratio to the same read
 * of a short history measured in the same rounds (target ≤ 1.2):
 * - a signed-in shopper's loyalty summary and transactions page (first page, with its count; all
 *   rows, then one type), for an account of 100,000 ledger rows of its own ÷ one of 100;
 * - the admin's contact view (the contact with statistics and consents; the customer's deliveries)
 *   for a customer of 10,000 orders ÷ one of 10;
 * - the admin's delivery log filtered by status, by platform and by customer, with its exact count,
 *   at 1,000,000 rows ÷ the same filters before those rows were written. The two phases are minutes
 *   apart, so each read is divided first by Medusa's own `GET /admin/customers/:id` timed in the
 *   same rounds: the ratio compares the log's cost, not the machine's load at two moments.
 * `--scale` shrinks every size (never below 1,000 own rows, 100 orders, 10,000 deliveries). The small
 * table holds the contact-view customers' deliveries (two per order).
 */
import knexFactory from "knex"
import { PORTS } from "./lib/config"
import { SRC_ROOT, pg } from "./lib/db"
import type { Figure } from "./lib/report"
import { rebuildAggregates, seedDeliveries, seedLedger, seedOrders, triggersOff } from "./lib/reads-seed"
import { bootStore, startPlatforms } from "./lib/store-server"
import { call, customerSession, percentiles } from "./lib/storefront"

const ADMIN_PASSWORD = `bench-admin-${process.pid}-password`

type Read = { label: string; url: string; headers: Record<string, string> }

/** Each round runs every read once, in an order that turns round by round; the p50 of each. */
async function timeRounds(reads: Read[], rounds: number): Promise<Map<string, number>> {
  const get = async (read: Read) => {
    const response = await fetch(read.url, { headers: read.headers })
    const text = await response.text()
    if (!response.ok) {
      throw new Error(`GET ${read.url} -> ${response.status} ${text.slice(0, 300)}`)
    }
  }
  for (let i = 0; i < 20; i++) {
    for (const read of reads) {
      await get(read)
    }
  }
  const samples = reads.map(() => [] as number[])
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < reads.length; k++) {
      const index = (round + k) % reads.length
      const started = process.hrtime.bigint()
      await get(reads[index])
      samples[index].push(Number(process.hrtime.bigint() - started) / 1e6)
    }
  }
  return new Map(reads.map((read, index) => [read.label, percentiles(samples[index]).p50]))
}

const ms = (value: number) => `${value.toFixed(2)} ms`

function ratio(name: string, large: number, small: number, detail = ""): Figure {
  return {
    name,
    value: large / small,
    compare: "<=",
    target: 1.2,
    detail: `p50 ${ms(small)} → ${ms(large)}${detail}`,
  }
}

export async function benchReads(scale: number): Promise<Figure[]> {
  const ownRows = Math.max(1000, Math.round(100_000 * scale))
  const orders = Math.max(100, Math.round(10_000 * scale))
  const logRows = Math.max(10_000, Math.round(1_000_000 * scale))
  // every read once per round (about 20 reads a round); BENCH_READS_ROUNDS to measure longer
  const rounds = Number(process.env.BENCH_READS_ROUNDS || Math.max(100, Math.round(200 * Math.min(1, scale * 2))))
  const platforms = await startPlatforms(20)
  const env = {
    ...platforms.env,
    ENGAGEMENT_LINK_SECRET: "bench-link-secret-bench-link-secret-0123456789",
    DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD,
  }
  const store = await bootStore("reads", SRC_ROOT, PORTS.reads, env)
  const knex = knexFactory({ client: "pg", connection: { ...pg, database: store.database }, pool: { min: 1, max: 2 } })
  try {
    const shopper = async (name: string) => {
      const headers = await customerSession(store, `bench-reads-${name}-${process.pid}@example.com`)
      const { customer } = await call(`${store.url}/store/customers/me`, "GET", undefined, headers)
      return { headers, id: customer.id as string }
    }
    const [short, long, few, many] = [
      await shopper("short"),
      await shopper("long"),
      await shopper("few"),
      await shopper("many"),
    ]
    const login = await call(`${store.url}/auth/user/emailpass`, "POST", {
      email: "admin@example.com",
      password: ADMIN_PASSWORD,
    })
    const admin = { authorization: `Bearer ${login.token}` }
    console.error(`   seeding: ${ownRows} ledger rows, ${orders} orders, then ${logRows} deliveries`)
    await triggersOff(knex)
    await seedLedger(knex, short.id, 100)
    await seedLedger(knex, long.id, ownRows)
    await seedOrders(knex, few.id, 10)
    await seedOrders(knex, many.id, orders)
    await rebuildAggregates(knex)
    await knex.raw(`VACUUM ANALYZE`)

    const shopperReads = (who: { headers: Record<string, string> }, size: string): Read[] => [
      { label: `summary ${size}`, url: `${store.url}/store/engagement/loyalty`, headers: who.headers },
      { label: `page ${size}`, url: `${store.url}/store/engagement/loyalty/transactions`, headers: who.headers },
      {
        label: `adjust page ${size}`,
        url: `${store.url}/store/engagement/loyalty/transactions?type=adjust`,
        headers: who.headers,
      },
      {
        label: `earn+adjust page ${size}`,
        url: `${store.url}/store/engagement/loyalty/transactions?type[]=earn&type[]=adjust`,
        headers: who.headers,
      },
    ]
    const contactReads = (who: { id: string }, size: string): Read[] => [
      { label: `contact ${size}`, url: `${store.url}/admin/engagement/contacts/${who.id}`, headers: admin },
      {
        label: `customer deliveries ${size}`,
        url: `${store.url}/admin/engagement/deliveries?customer_id=${who.id}&limit=10`,
        headers: admin,
      },
    ]
    const logReads = (phase: string): Read[] => [
      { label: `reference ${phase}`, url: `${store.url}/admin/customers/${few.id}`, headers: admin },
      { label: `log failed ${phase}`, url: `${store.url}/admin/engagement/deliveries?status=failed`, headers: admin },
      { label: `log dead ${phase}`, url: `${store.url}/admin/engagement/deliveries?status=dead`, headers: admin },
      {
        label: `log recensus ${phase}`,
        url: `${store.url}/admin/engagement/deliveries?platform=recensus`,
        headers: admin,
      },
      {
        label: `log customer ${phase}`,
        url: `${store.url}/admin/engagement/deliveries?customer_id=${few.id}`,
        headers: admin,
      },
    ]
    const first = await timeRounds(
      [
        ...shopperReads(short, "100"),
        ...shopperReads(long, "own"),
        ...contactReads(few, "10"),
        ...contactReads(many, "many"),
        ...logReads("small"),
      ],
      rounds
    )
    await triggersOff(knex)
    await seedDeliveries(knex, "log", logRows)
    await rebuildAggregates(knex)
    await knex.raw(`VACUUM ANALYZE engagement_delivery`)
    const second = await timeRounds(logReads("large"), rounds)
    const at = (map: Map<string, number>, label: string) => map.get(label)!
    const rows = ownRows.toLocaleString("en")
    const figures: Figure[] = [
      ratio(
        `GET /store/engagement/loyalty, own ${rows} ÷ 100 ledger rows`,
        at(first, "summary own"),
        at(first, "summary 100")
      ),
      ratio(
        `GET /store/engagement/loyalty/transactions, own ${rows} ÷ 100 rows`,
        at(first, "page own"),
        at(first, "page 100")
      ),
      ratio(
        `… ?type=adjust (1 row in 50), own ${rows} ÷ 100 rows`,
        at(first, "adjust page own"),
        at(first, "adjust page 100")
      ),
      ratio(
        `… ?type[]=earn&type[]=adjust, own ${rows} ÷ 100 rows`,
        at(first, "earn+adjust page own"),
        at(first, "earn+adjust page 100")
      ),
      ratio(
        `GET /admin/engagement/contacts/:id, ${orders.toLocaleString("en")} ÷ 10 orders`,
        at(first, "contact many"),
        at(first, "contact 10")
      ),
      ratio(
        `GET /admin/engagement/deliveries?customer_id (the customer page), ${orders.toLocaleString("en")} ÷ 10 orders`,
        at(first, "customer deliveries many"),
        at(first, "customer deliveries 10")
      ),
    ]
    const reference = at(second, "reference large") / at(first, "reference small")
    for (const [key, label] of [
      ["failed", "?status=failed"],
      ["dead", "?status=dead"],
      ["recensus", "?platform=recensus"],
      ["customer", "?customer_id"],
    ]) {
      const large = at(second, `log ${key} large`)
      const small = at(first, `log ${key} small`)
      figures.push(
        ratio(
          `GET /admin/engagement/deliveries${label}, ${logRows.toLocaleString("en")} ÷ small table`,
          large / reference,
          small,
          ` (÷ GET /admin/customers/:id, ${ms(at(first, "reference small"))} → ${ms(at(second, "reference large"))})`
        )
      )
    }
    return figures
  } finally {
    await knex.destroy()
    await store.stop()
    await platforms.stop()
  }
}
