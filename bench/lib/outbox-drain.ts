/**
 * The outbox bench's drain (bench/outbox.ts): a backlog of 10,000 rows sent by the real sweep job,
 * as the scheduler runs it, against the ideal (the busiest platform's rows at its ceiling) and
 * against the physical limit: the slower of the ideal and a bare loop sending the same rows'
 * requests from one process at the same concurrency (what this machine can send at all).
 */
import path from "node:path"
import type { Knex } from "knex"
import { databaseCpuMs, databaseCpuUsed, SRC_ROOT } from "./db"
import { bareLoop, KINDS, LATENCY_MS, messages, seedMix, type KindName } from "./outbox-mix"
import { profileRun } from "./profile"
import type { Figure } from "./report"
import type { StandInProcess } from "./stand-in-process"
import { cpuMs } from "./stats"

// the platforms answer in 20 ms: a platform's ceiling is its concurrency ÷ 20 ms
const ceilingOf = (concurrency: number) => concurrency / (LATENCY_MS / 1000)

/** The engagement module booted for the bench: what the sweep job is handed, and its shutdown. */
export interface DrainApp {
  container: unknown
  shutdown(): Promise<void>
}

/** How many of the outbox's rows are delivered. */
export async function delivered(knex: Knex): Promise<number> {
  const [{ n }] = (await knex.raw(`SELECT count(*)::int AS n FROM engagement_delivery WHERE status = 'delivered'`)).rows
  return n
}

/** A backlog after an outage, drained by the real sweep job (as the scheduler runs it), against the ideal and the physical limit. */
export async function benchDrain(
  boot: (url: string, urls: StandInProcess["urls"], concurrency: number) => Promise<DrainApp>,
  db: { url: string; knex: Knex },
  standIn: StandInProcess,
  rows: number,
  mix: [KindName, number][],
  label: string
): Promise<Figure[]> {
  const concurrency = 16
  const app = await boot(db.url, standIn.urls, concurrency)
  try {
    const counts = await seedMix(db.knex, rows, mix, `drain_${label.replace(/\W+/g, "_")}`)
    // the platforms drain side by side: the ideal is the busiest one's rows at its ceiling
    const perPlatform = new Map<string, number>()
    for (const [kind, count] of Object.entries(counts)) {
      const platform = KINDS[kind as KindName].platform
      perPlatform.set(platform, (perPlatform.get(platform) ?? 0) + count)
    }
    const ideal = Math.max(...perPlatform.values()) / ceilingOf(concurrency)
    await standIn.reset()
    await standIn.setLatency(LATENCY_MS)
    const job = require(path.join(SRC_ROOT, "src/jobs/sweep-due-deliveries.ts")).default as (
      container: unknown
    ) => Promise<void>
    const endProfile = profileRun(`drain-${label.replace(/\W+/g, "-")}`)
    const cpu = process.cpuUsage()
    const dbCpu = await databaseCpuMs(db.knex)
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
    const used = process.cpuUsage(cpu)
    const dbUsed = databaseCpuUsed(dbCpu, await databaseCpuMs(db.knex))
    await endProfile()
    const sent = await delivered(db.knex)
    const stats = await standIn.stats()
    const inFlight = [...perPlatform.keys()]
      .map((platform) => `${platform} ${stats[platform as keyof typeof stats].maxInFlight}/${concurrency}`)
      .join(", ")
    // the same requests from a bare loop, no database and no outbox: one process's limit on this machine
    await standIn.reset()
    await standIn.setLatency(LATENCY_MS)
    const bareSeconds = rows / (await bareLoop(await messages(db.knex), standIn.urls, concurrency, "node-http"))
    const limit = Math.max(ideal, bareSeconds)
    const detail = `${sent}/${rows} in ${seconds.toFixed(1)} s over ${ticks} tick(s); ideal ${ideal.toFixed(1)} s; bare loop ${bareSeconds.toFixed(1)} s; max in flight ${inFlight}; CPU per delivery ${(cpuMs(used) / rows).toFixed(2)} ms the dispatching process${dbUsed === null ? "" : `, ${(dbUsed / rows).toFixed(2)} ms the database server`}`
    return [
      {
        name: `drain of ${rows} deliveries (sweep job) ÷ ideal, ${label}`,
        value: seconds / ideal,
        compare: "<=",
        target: 1.25,
        detail,
      },
      {
        name: `drain of ${rows} deliveries (sweep job) ÷ physical limit, ${label}`,
        value: seconds / limit,
        compare: "<=",
        target: 1.25,
        detail: `the slower of the ideal (${ideal.toFixed(1)} s) and a bare loop sending the same requests at the same concurrency from one process (${bareSeconds.toFixed(1)} s)`,
      },
    ]
  } finally {
    await app.shutdown()
  }
}
