/**
 * The plugin's store routes under concurrent load, against Medusa's own `GET /store/customers/me`
 * on the same server (the plugin loaded, every platform on behind stand-ins answering in 20 ms):
 * N parallel clients over Node's fetch, each sending the next request as soon as the last answered.
 * The routes take turns in rounds, so the load on the machine falls on each alike.
 * (bench/routes.js is the older sequential probe against a running demo; `--only=routes` runs this file.)
 */
import { PORTS } from "./lib/config"
import { SRC_ROOT } from "./lib/db"
import { percentileRatio, type Figure } from "./lib/report"
import { bootStore, startPlatforms } from "./lib/store-server"
import { checkout, customerSession, percentiles } from "./lib/storefront"

const LATENCY_MS = 20
const PORT = PORTS.routes
const CLIENTS = 8
const ROUTES = ["/store/customers/me", "/store/engagement/profile", "/store/engagement/loyalty"]

/** `requests` GETs of `url` from CLIENTS parallel clients; the latency of each, in milliseconds. */
async function load(url: string, headers: Record<string, string>, requests: number): Promise<number[]> {
  const samples: number[] = []
  let sent = 0
  const client = async () => {
    while (sent < requests) {
      sent++
      const started = process.hrtime.bigint()
      const response = await fetch(url, { headers })
      await response.arrayBuffer()
      if (!response.ok) {
        throw new Error(`GET ${new URL(url).pathname} -> ${response.status}`)
      }
      samples.push(Number(process.hrtime.bigint() - started) / 1e6)
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client))
  return samples
}

export async function benchRoutes(scale: number): Promise<Figure[]> {
  const perRound = Math.max(100, Math.round(400 * scale))
  const rounds = 5
  const platforms = await startPlatforms(LATENCY_MS)
  const env = { ...platforms.env, ENGAGEMENT_LINK_SECRET: "bench-link-secret-bench-link-secret-0123456789" }
  const store = await bootStore("routes", SRC_ROOT, PORT, env)
  try {
    const email = `bench-routes-${process.pid}@example.com`
    const headers = await customerSession(store, email)
    // a shopper with an order behind them: a profile with a purchase, points on the ledger
    for (let i = 0; i < 3; i++) {
      await checkout(store, headers, email, i)
    }
    // warm-up, not measured
    for (const route of ROUTES) {
      await load(`${store.url}${route}`, headers, 50)
    }
    const samples: Record<string, number[]> = Object.fromEntries(ROUTES.map((route) => [route, []]))
    for (let round = 0; round < rounds; round++) {
      for (const route of round % 2 ? [...ROUTES].reverse() : ROUTES) {
        samples[route].push(...(await load(`${store.url}${route}`, headers, perRound)))
      }
    }
    const [medusa, ...ours] = ROUTES.map((route) => percentiles(samples[route]))
    const ms = (value: number) => `${value.toFixed(1)} ms`
    return ours.flatMap((stats, index) => {
      const route = ROUTES[index + 1]
      return (["p50", "p99"] as const).map((key) =>
        percentileRatio(
          `GET ${route} ÷ /store/customers/me`,
          key,
          stats,
          medusa,
          1.2,
          `${CLIENTS} parallel clients: ${ms(stats[key])} vs customers/me ${ms(medusa[key])}`
        )
      )
    })
  } finally {
    await store.stop()
    await platforms.stop()
  }
}
