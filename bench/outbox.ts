/**
 * Outbox throughput to a platform answering in a fixed 20 ms, as a share of the ceiling its
 * concurrency allows (concurrency ÷ 20 ms), and the time the real sweep job takes to drain a
 * backlog after an outage. The stand-in runs in a process of its own (as a platform would) and
 * counts calls in flight: the maximum must never pass the platform's concurrency limit.
 */
import fs from "node:fs"
import { Session } from "node:inspector"
import path from "node:path"
import { initModules } from "@medusajs/test-utils"
import { asValue } from "@medusajs/framework/awilix"
import { logger } from "@medusajs/framework/logger"
import { ContainerRegistrationKeys, createPgConnection } from "@medusajs/framework/utils"
import { REJOINER_TEST_CONFIG } from "../integration-tests/helpers/stand-ins"
import { createBenchDb, SRC_ROOT } from "./lib/db"
import { startStandInProcess } from "./lib/stand-in-process"
import type { Figure } from "./lib/report"

const LATENCY_MS = 20

type Engagement = {
  dispatchDueDeliveries(args?: Record<string, unknown>): Promise<{ claimed: number; delivered: number }>
}

/** SQL statements sent to PostgreSQL (BEGIN and COMMIT included), for statements per delivery. */
export const statements = { count: 0, byText: new Map<string, number>() }

async function bootEngagement(url: string, apiUrl: string, concurrency: number) {
  const connection = createPgConnection({ clientUrl: url, schema: "public" })
  connection.on("query", (query: { sql: string }) => {
    statements.count++
    if (process.env.BENCH_SQL_TRACE) {
      // BENCH_SQL_TRACE=1: which statements a delivery costs (printed after each measured run)
      const text = query.sql.replace(/\s+/g, " ").slice(0, 90)
      statements.byText.set(text, (statements.byText.get(text) ?? 0) + 1)
    }
  })
  const { medusaApp, shutdown: stopModules } = await initModules({
    injectedDependencies: { [ContainerRegistrationKeys.PG_CONNECTION]: connection },
    databaseConfig: { clientUrl: url, schema: "public" },
    modulesConfig: {
      engagement: {
        resolve: path.join(SRC_ROOT, "src/modules/engagement"),
        options: {
          providers: [
            {
              resolve: path.join(SRC_ROOT, "src/providers/rejoiner"),
              options: { api_url: apiUrl, api_key: REJOINER_TEST_CONFIG.apiKey, concurrency, timeout_ms: 5000 },
            },
          ],
          outbox: { lease_ms: 60_000 },
          contact_sync: { enabled: false },
          consents: { link_secret: "bench-link-secret-bench-link-secret-0123456789" },
        },
      },
    },
    preventConnectionDestroyWarning: true,
  })
  // what the scheduler hands a job: the modules and the logger
  medusaApp.sharedContainer!.register("logger", asValue(logger))
  const shutdown = async () => {
    await medusaApp.onApplicationPrepareShutdown()
    await medusaApp.onApplicationShutdown()
    await stopModules()
    await connection.destroy()
  }
  return { engagement: medusaApp.modules.engagement as Engagement, container: medusaApp.sharedContainer!, shutdown }
}

/**
 * BENCH_CPU_PROF=<dir>: a CPU profile of each measured dispatch run (not the set-up), written as
 * <dir>/outbox-<concurrency>.cpuprofile for Chrome's DevTools.
 */
function profileRun(label: string) {
  const dir = process.env.BENCH_CPU_PROF
  if (!dir) {
    return async () => undefined
  }
  const session = new Session()
  session.connect()
  const post = (method: string) =>
    new Promise<{ profile?: unknown }>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result as { profile?: unknown })))
    )
  const started = post("Profiler.enable").then(() => post("Profiler.start"))
  return async () => {
    await started
    const { profile } = await post("Profiler.stop")
    session.disconnect()
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, `outbox-${label}.cpuprofile`), JSON.stringify(profile))
  }
}

/**
 * The physical limit on this machine: deliveries per second of a bare loop of `fetch` calls, at the
 * same concurrency, to the same stand-in process, with the same body (no database, no outbox).
 */
async function bareFetchLoop(url: string, concurrency: number, calls: number): Promise<number> {
  let next = 0
  const started = Date.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        const n = next++
        const response = await fetch(`${url}/customer/cancel/`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Rejoiner ${REJOINER_TEST_CONFIG.apiKey}` },
          body: JSON.stringify({ email: `shopper${n}@example.com` }),
        })
        await response.text()
      }
    })
  )
  return calls / ((Date.now() - started) / 1000)
}

async function seedBacklog(knex: import("knex").Knex, rows: number, run: string) {
  await knex.raw(`TRUNCATE engagement_delivery`)
  await knex.raw(
    `INSERT INTO engagement_delivery (id, origin, platform, operation, payload, idempotency_key, status, attempts, max_attempts,
       next_attempt_at, created_at, updated_at)
     SELECT 'engdel_' || ? || '_' || g, 'journey_cancellation', 'rejoiner', 'cancel', jsonb_build_object('email', 'shopper' || g || '@example.com'),
            'bench:' || ? || ':' || g, 'pending', 0, 5, now() - interval '1 minute', now(), now()
       FROM generate_series(1, ?) g`,
    [run, run, rows]
  )
  // as a real server's autovacuum would have (this machine's PostgreSQL runs with it off)
  await knex.raw(`VACUUM ANALYZE engagement_delivery`)
}

async function delivered(knex: import("knex").Knex): Promise<number> {
  const [{ n }] = (await knex.raw(`SELECT count(*)::int AS n FROM engagement_delivery WHERE status = 'delivered'`)).rows
  return n
}

export async function benchOutbox(scale: number): Promise<Figure[]> {
  const figures: Figure[] = []
  const db = await createBenchDb("outbox")
  const standIn = await startStandInProcess()
  const apiUrl = standIn.url
  try {
    for (const concurrency of [16, 64]) {
      const rows = Math.round(concurrency * 250 * scale)
      const app = await bootEngagement(db.url, apiUrl, concurrency)
      try {
        // warm-up (JIT, connections), not measured
        await seedBacklog(db.knex, 2 * concurrency, `w${concurrency}`)
        while ((await app.engagement.dispatchDueDeliveries({})).claimed) {
          /* next round */
        }
        await seedBacklog(db.knex, rows, `c${concurrency}`)
        await standIn.reset()
        await standIn.setLatency(LATENCY_MS)
        const stopProfile = profileRun(String(concurrency))
        const started = Date.now()
        const cpu = process.cpuUsage()
        statements.count = 0
        statements.byText.clear()
        // the dispatcher as the subscriber and the job call it, until nothing is due
        while ((await app.engagement.dispatchDueDeliveries({})).claimed) {
          /* next round */
        }
        const seconds = (Date.now() - started) / 1000
        const used = process.cpuUsage(cpu)
        await stopProfile()
        const perDelivery = statements.count / rows
        if (process.env.BENCH_SQL_TRACE) {
          const top = [...statements.byText].sort((a, b) => b[1] - a[1]).slice(0, 12)
          console.error(top.map(([text, n]) => `     ${(n / rows).toFixed(2)}  ${text}`).join("\n"))
        }
        const cpuMs = (used.user + used.system) / 1000 / rows
        const sent = await delivered(db.knex)
        const { maxInFlight, violations } = await standIn.stats()
        if (violations.length) {
          throw new Error(`the stand-in saw calls outside Rejoiner's API: ${JSON.stringify(violations)}`)
        }
        const perSecond = sent / seconds
        const ceiling = concurrency / (LATENCY_MS / 1000)
        const detail = `${sent}/${rows} in ${seconds.toFixed(1)} s = ${perSecond.toFixed(0)}/s of ${ceiling}/s; max in flight ${maxInFlight}; ${perDelivery.toFixed(2)} statements and ${cpuMs.toFixed(2)} ms CPU (the dispatching process) per delivery`
        await standIn.reset()
        await standIn.setLatency(LATENCY_MS)
        const bare = await bareFetchLoop(apiUrl, concurrency, rows)
        figures.push({
          name: `outbox throughput ÷ a bare fetch loop, concurrency ${concurrency}`,
          value: perSecond / bare,
          compare: "info",
          detail: `the physical limit here: ${bare.toFixed(0)}/s = ${(bare / ceiling).toFixed(2)} of the ceiling, ${rows} calls without database or outbox`,
        })
        if (concurrency === 16) {
          figures.push({
            name: "outbox throughput ÷ ceiling, concurrency 16",
            value: perSecond / ceiling,
            compare: ">=",
            target: 0.8,
            detail,
          })
        } else {
          figures.push({
            name: "outbox throughput, concurrency 64 (deliveries/s)",
            value: perSecond,
            compare: ">=",
            target: 1000,
            unit: "/s",
            detail,
          })
        }
        figures.push({
          name: `max calls in flight ÷ limit, concurrency ${concurrency}`,
          value: maxInFlight / concurrency,
          compare: "<=",
          target: 1,
        })
      } finally {
        await app.shutdown()
      }
    }

    // a backlog after an outage, drained by the real sweep job (as the scheduler runs it)
    const concurrency = 16
    const rows = Math.round(10_000 * scale)
    const app = await bootEngagement(db.url, apiUrl, concurrency)
    try {
      await seedBacklog(db.knex, rows, "drain")
      await standIn.reset()
      await standIn.setLatency(LATENCY_MS)
      const job = require(path.join(SRC_ROOT, "src/jobs/sweep-due-deliveries.ts")).default as (
        container: unknown
      ) => Promise<void>
      const started = Date.now()
      let ticks = 0
      // the scheduler runs the job once a minute: count the minutes a drain needs, and the time
      while ((await delivered(db.knex)) < rows && ticks < 10) {
        const tickStarted = Date.now()
        await job(app.container)
        ticks++
        if ((await delivered(db.knex)) < rows) {
          // the rest of the minute is idle until the next tick
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, 60_000 - (Date.now() - tickStarted))))
        }
      }
      const seconds = (Date.now() - started) / 1000
      const sent = await delivered(db.knex)
      const { maxInFlight } = await standIn.stats()
      const ideal = rows / (concurrency / (LATENCY_MS / 1000))
      figures.push({
        name: `drain of ${rows} deliveries (sweep job) ÷ ideal`,
        value: seconds / ideal,
        compare: "<=",
        target: 1.25,
        detail: `${sent}/${rows} in ${seconds.toFixed(1)} s over ${ticks} tick(s); ideal ${ideal.toFixed(1)} s; max in flight ${maxInFlight}/${concurrency}`,
      })
    } finally {
      await app.shutdown()
    }
  } finally {
    await standIn.stop()
    await db.drop()
  }
  return figures
}
