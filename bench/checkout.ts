/**
 * A checkout through the store API on a real Medusa with the plugin loaded and every platform on
 * (stand-ins answering in a fixed 20 ms), against the same store without the plugin (a bare
 * Medusa project on its own database, seeded the same way). Both servers run side by side and
 * the checkouts alternate between them, so the load on the machine falls on both alike.
 *
 * `--topology[=N]` runs each store as the production topology instead (a server and N workers, 1,
 * on a Redis database of its own): the checkouts go to the servers, the order work to the workers.
 */
import { PORTS, REDIS_URLS } from "./lib/config"
import { minus, storeCounters, type Counts } from "./lib/counters"
import { orderCostFigures, overlapFigure } from "./lib/order-cost"
import { SRC_ROOT } from "./lib/db"
import { percentileRatio, type Figure } from "./lib/report"
import { bootStore, createBareProject, startPlatforms, type StoreServer } from "./lib/store-server"
import { checkout, customerSession, percentiles } from "./lib/storefront"

const LATENCY_MS = 20
const PLUGIN_PORT = PORTS.checkoutPlugin
const BARE_PORT = PORTS.checkoutBare
// --topology: the servers' ports, each followed by its workers'
const TOPOLOGY_PORTS = { plugin: PORTS.topologyPlugin, bare: PORTS.topologyBare }
const TOPOLOGY_REDIS = { plugin: REDIS_URLS.topologyPlugin, bare: REDIS_URLS.topologyBare }

export async function benchCheckout(scale: number, options: Record<string, string> = {}): Promise<Figure[]> {
  const workers = options.topology ? (options.topology === "true" ? 1 : Number(options.topology)) : 0
  if (!Number.isInteger(workers) || workers < 0) {
    throw new Error(`--topology: a number of workers, not ${options.topology}`)
  }
  const where = workers ? `each store a server and ${workers} worker(s) on Redis` : "each store one shared-mode process"
  // 1,000 checkouts per store: a p99 of fewer is the slowest few samples, not a tail
  const runs = Math.max(50, Math.round(1000 * scale))
  const warmup = 10
  const platforms = await startPlatforms(LATENCY_MS)
  const bare = createBareProject()
  const booted = Date.now()
  // each store's processes count their SQL statements, transactions and CPU (bench/lib/counters.ts)
  const counters = [storeCounters("plugin"), storeCounters("bare")]
  const env = {
    ...platforms.env,
    ...counters[0].env,
    ENGAGEMENT_LINK_SECRET: "bench-link-secret-bench-link-secret-0123456789",
  }
  // --topology: each store a server and its workers, on Redis databases of their own
  const topology = (redisUrl: string) => (workers ? { workers, redisUrl } : undefined)
  const booting = await Promise.allSettled([
    bootStore(
      "checkout_plugin",
      SRC_ROOT,
      workers ? TOPOLOGY_PORTS.plugin : PLUGIN_PORT,
      env,
      topology(TOPOLOGY_REDIS.plugin)
    ),
    bootStore(
      "checkout_bare",
      bare.dir,
      workers ? TOPOLOGY_PORTS.bare : BARE_PORT,
      counters[1].env,
      topology(TOPOLOGY_REDIS.bare)
    ),
  ])
  const failed = booting.find((result) => result.status === "rejected")
  if (failed) {
    // the other one may be up: stop it, and the stand-ins, before giving up
    await Promise.all(booting.map((result) => (result.status === "fulfilled" ? result.value.stop() : undefined)))
    await platforms.stop()
    bare.remove()
    counters.forEach((counter) => counter.remove())
    throw failed.reason
  }
  const [withPlugin, without] = booting.map((result) => (result as PromiseFulfilledResult<StoreServer>).value)
  const bootSeconds = (Date.now() - booted) / 1000
  try {
    const stores = [withPlugin, without]
    const sessions = await Promise.all(
      stores.map((store) => customerSession(store, `bench-${process.pid}@example.com`))
    )
    const samples = stores.map(() => ({
      flow: [] as number[],
      complete: [] as number[],
      steps: {} as Record<string, number[]>,
    }))
    const email = `bench-${process.pid}@example.com`
    let atStart: Counts[] = []
    for (let i = 0; i < warmup + runs; i++) {
      if (i === warmup) {
        // the timed checkouts' counts start once the warm-up's order work has ended
        atStart = await Promise.all(counters.map((counter) => counter.settled()))
      }
      // alternate which store goes first, so neither always follows the other's background work
      const order = i % 2 ? [1, 0] : [0, 1]
      for (const index of order) {
        const timing = await checkout(stores[index], sessions[index], email, i)
        if (i >= warmup) {
          samples[index].flow.push(timing.flowMs)
          samples[index].complete.push(timing.completeMs)
          for (const [step, ms] of Object.entries(timing.steps)) {
            ;(samples[index].steps[step] ??= []).push(ms)
          }
        }
      }
    }
    const atEnd = await Promise.all(counters.map((counter) => counter.settled()))
    const cost = orderCostFigures([minus(atEnd[0], atStart[0]), minus(atEnd[1], atStart[1])], runs)
    const overlap = await overlapFigure(stores, sessions, counters, email, Math.min(20, runs))
    const [plugin, base] = samples.map((s) => ({ flow: percentiles(s.flow), complete: percentiles(s.complete) }))
    const violations = platforms.all.flatMap((standIn) => standIn.violations())
    if (violations.length) {
      throw new Error(`stand-ins saw calls outside their platform's API: ${JSON.stringify(violations.slice(0, 3))}`)
    }
    // where the difference is: each step's p50 with ÷ without, largest first
    const stepDiffs = Object.keys(samples[0].steps)
      .map((step) => {
        const [ours, theirs] = samples.map((s) => percentiles(s.steps[step] ?? [0]).p50)
        return { step, ours, theirs }
      })
      .sort((a, b) => b.ours - b.theirs - (a.ours - a.theirs))
    const ms = (value: number) => `${value.toFixed(0)} ms`
    const detail = (key: "p50" | "p95" | "p99") =>
      `checkouts (cart → complete, logged-in customer); with plugin ${ms(plugin.flow[key])} ` +
      `(complete call ${ms(plugin.complete[key])}), without ${ms(base.flow[key])} (complete call ${ms(base.complete[key])})`
    const whole = "checkout with plugin ÷ without"
    const complete = (key: "p50" | "p95" | "p99") =>
      percentileRatio(
        "cart complete call with plugin ÷ without",
        key,
        plugin.complete,
        base.complete,
        1.1,
        `the complete call alone: ${ms(plugin.complete[key])} vs ${ms(base.complete[key])}`
      )
    return [
      percentileRatio(
        whole,
        "p50",
        plugin.flow,
        base.flow,
        1.05,
        `${detail("p50")}; ${where}, booted in ${bootSeconds.toFixed(0)} s`
      ),
      percentileRatio(whole, "p95", plugin.flow, base.flow, 1.1, detail("p95")),
      percentileRatio(whole, "p99", plugin.flow, base.flow, 1.1, detail("p99")),
      complete("p50"),
      complete("p95"),
      complete("p99"),
      {
        name: "checkout steps, p50 with − without (ms)",
        value: plugin.flow.p50 - base.flow.p50,
        compare: "info",
        unit: "ms",
        detail: stepDiffs
          .map((d) => `${d.step} ${(d.ours - d.theirs).toFixed(0)} (${ms(d.ours)} vs ${ms(d.theirs)})`)
          .join("; "),
      },
      ...cost,
      overlap,
    ]
  } finally {
    await Promise.all([withPlugin.stop(), without.stop()])
    await platforms.stop()
    bare.remove()
    counters.forEach((counter) => counter.remove())
  }
}
