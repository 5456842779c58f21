/**
 * Outbox throughput to a platform answering in a fixed 20 ms, as a share of the ceiling its
 * concurrency allows (concurrency ÷ 20 ms), and the time the real sweep job takes to drain a
 * backlog after an outage. The stand-in counts calls in flight: the maximum must never pass the
 * platform's concurrency limit.
 */
import path from "node:path"
import { initModules } from "@medusajs/test-utils"
import { asValue } from "@medusajs/framework/awilix"
import { logger } from "@medusajs/framework/logger"
import { ContainerRegistrationKeys, createPgConnection } from "@medusajs/framework/utils"
import { createRejoinerStandIn } from "../integration-tests/stand-ins/rejoiner"
import { REJOINER_TEST_CONFIG } from "../integration-tests/helpers/stand-ins"
import { createBenchDb, SRC_ROOT } from "./lib/db"
import type { Figure } from "./lib/report"

const LATENCY_MS = 20

type Engagement = {
  dispatchDueDeliveries(args?: Record<string, unknown>): Promise<{ claimed: number; delivered: number }>
}

/** SQL statements sent to PostgreSQL (BEGIN and COMMIT included), for statements per delivery. */
export const statements = { count: 0 }

async function bootEngagement(url: string, apiUrl: string, concurrency: number) {
  const connection = createPgConnection({ clientUrl: url, schema: "public" })
  connection.on("query", () => statements.count++)
  const { medusaApp, shutdown: stopModules } = await initModules({
    injectedDependencies: { [ContainerRegistrationKeys.PG_CONNECTION]: connection },
    databaseConfig: { clientUrl: url, schema: "public" },
    modulesConfig: {
      engagement: {
        resolve: path.join(SRC_ROOT, "src/modules/engagement"),
        options: {
          platforms: {
            rejoiner: { api_url: apiUrl, api_key: REJOINER_TEST_CONFIG.apiKey, concurrency, timeout_ms: 5000 },
          },
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

async function seedBacklog(knex: import("knex").Knex, rows: number, run: string) {
  await knex.raw(`TRUNCATE engagement_delivery`)
  await knex.raw(
    `INSERT INTO engagement_delivery (id, platform, operation, payload, idempotency_key, status, attempts, max_attempts,
       next_attempt_at, created_at, updated_at)
     SELECT 'engdel_' || ? || '_' || g, 'rejoiner', 'cancel', jsonb_build_object('email', 'shopper' || g || '@example.com'),
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
  const standIn = createRejoinerStandIn(REJOINER_TEST_CONFIG)
  const apiUrl = await standIn.start()
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
        standIn.reset()
        standIn.latencyMs = LATENCY_MS
        const started = Date.now()
        const cpu = process.cpuUsage()
        statements.count = 0
        // the dispatcher as the subscriber and the job call it, until nothing is due
        while ((await app.engagement.dispatchDueDeliveries({})).claimed) {
          /* next round */
        }
        const seconds = (Date.now() - started) / 1000
        const used = process.cpuUsage(cpu)
        const perDelivery = statements.count / rows
        const cpuMs = (used.user + used.system) / 1000 / rows
        const sent = await delivered(db.knex)
        const perSecond = sent / seconds
        const ceiling = concurrency / (LATENCY_MS / 1000)
        const detail = `${sent}/${rows} in ${seconds.toFixed(1)} s = ${perSecond.toFixed(0)}/s of ${ceiling}/s; max in flight ${standIn.maxInFlight}; ${perDelivery.toFixed(2)} statements and ${cpuMs.toFixed(2)} ms CPU (bench process, stand-in included) per delivery`
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
          value: standIn.maxInFlight / concurrency,
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
      standIn.reset()
      standIn.latencyMs = LATENCY_MS
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
      const ideal = rows / (concurrency / (LATENCY_MS / 1000))
      figures.push({
        name: `drain of ${rows} deliveries (sweep job) ÷ ideal`,
        value: seconds / ideal,
        compare: "<=",
        target: 1.25,
        detail: `${sent}/${rows} in ${seconds.toFixed(1)} s over ${ticks} tick(s); ideal ${ideal.toFixed(1)} s; max in flight ${standIn.maxInFlight}/${concurrency}`,
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
