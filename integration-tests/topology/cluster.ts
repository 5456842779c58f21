/**
 * The production topology for the topology test: one `medusa start` in server mode and two in
 * worker mode on one PostgreSQL database and one Redis database, every platform on a stand-in. Each
 * process reaches the stand-ins through a proxy of its own (process-proxy.ts), so the test can
 * tell which process sent what.
 */
import path from "node:path"
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
} from "../helpers/medusa-store"
import { ProcessProxy, startProcessProxy } from "./process-proxy"

const root = path.resolve(__dirname, "../..")

/** A Redis database of the test's own (flushed before the run), so no other Redis user's queues mix in. */
export const REDIS_URL = process.env.TOPOLOGY_REDIS_URL || "redis://127.0.0.1:6379/9"

// Medusa's own Redis clients (the test does not depend on them directly)
const medusaRedisPaths = { paths: [path.dirname(require.resolve("@medusajs/workflow-engine-redis/package.json"))] }
const Redis = require(require.resolve("ioredis", medusaRedisPaths)) as new (
  url: string,
  options?: object
) => { quit(): Promise<unknown> }
const { Queue } = require(require.resolve("bullmq", medusaRedisPaths)) as {
  Queue: new (
    name: string,
    options: object
  ) => {
    getJobs(states: string[], start: number, end: number): Promise<{ data: { jobId?: string } }[]>
    close(): Promise<void>
  }
}

export type Mode = "server" | "worker"

export interface Member {
  label: string
  mode: Mode
  port: number
  proxy: ProcessProxy
  process: StoreProcess
  /** index in `proxy.calls` where the current process's calls begin (a restart starts a new one) */
  firstCall: number
}

export interface Cluster {
  platforms: Platforms
  db: StoreDatabase
  knex: Knex
  server: Member
  workers: Member[]
  /** starts a member's process again (after a kill) with the same port, env and proxy */
  restart(member: Member): Promise<void>
  /** every scheduled job's runs Redis has a record of: a worker took each from the queue once */
  scheduledRuns(): Promise<Map<string, number>>
  stop(): Promise<void>
}

/**
 * Starts the stand-ins, a fresh migrated and seeded database, Redis emptied, then the server and
 * the workers with `env` on top of the platforms' (the same options in every process).
 */
export async function startCluster(env: Record<string, string>, workerCount = 2): Promise<Cluster> {
  const unreachable = await flushRedis(REDIS_URL)
  if (unreachable) {
    throw new Error(`the topology test needs Redis at ${REDIS_URL} (TOPOLOGY_REDIS_URL): ${unreachable.message}`)
  }
  const platforms = await startPlatforms()
  // migrated and seeded without Redis: the seed's events are nobody's work
  const db = await createStoreDatabase(`engagement_topology_${process.pid}`, root, {
    ...platforms.env,
    ...env,
    REDIS_URL: undefined,
  })
  const knex = knexFactory({ client: "pg", connection: db.url, pool: { min: 0, max: 2 } })
  const start = async (member: Omit<Member, "process" | "firstCall">): Promise<Member> => {
    const firstCall = member.proxy.calls.length
    const process = await startStoreProcess(
      member.label,
      root,
      member.port,
      {
        ...platforms.env,
        ...member.proxy.env,
        ...env,
        REDIS_URL,
        DATABASE_URL: db.url,
        MEDUSA_WORKER_MODE: member.mode,
        // the workflow engine says at debug level which scheduled job a worker runs
        LOG_LEVEL: member.mode === "worker" ? "debug" : "error",
      },
      { capture: true }
    )
    return { ...member, process, firstCall }
  }
  const plan = async (label: string, mode: Mode) => ({
    label,
    mode,
    port: await freePort(),
    proxy: await startProcessProxy(platforms.env),
  })
  const members = await Promise.all([
    plan("server", "server"),
    ...Array.from({ length: workerCount }, (_, n) => plan(`worker ${n + 1}`, "worker")),
  ])
  const started = await Promise.all(members.map(start))
  const [server, ...workers] = started
  return {
    platforms,
    db,
    knex,
    server,
    workers,
    async restart(member) {
      Object.assign(member, await start(member))
    },
    async scheduledRuns() {
      const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null })
      const queue = new Queue("medusa-workflows-jobs", { connection })
      try {
        const jobs = await queue.getJobs(["completed", "failed", "active"], 0, -1)
        const runs = new Map<string, number>()
        for (const job of jobs) {
          const name = job.data.jobId ?? "?"
          runs.set(name, (runs.get(name) ?? 0) + 1)
        }
        return runs
      } finally {
        await queue.close()
        await connection.quit()
      }
    },
    async stop() {
      await Promise.all(started.map((member) => member.process.stop()))
      await Promise.all(started.map((member) => member.proxy.stop()))
      await knex.destroy()
      await db.drop()
      await platforms.stop()
      // the queues the processes left behind (completed jobs, repeatable schedules)
      await flushRedis(REDIS_URL)
    },
  }
}

/** How many times each scheduled job ran in each of these processes, from their debug log. */
export function scheduledRunsLogged(members: Member[]): Map<string, number> {
  const runs = new Map<string, number>()
  for (const member of members) {
    for (const line of member.process.output) {
      const name = /executing scheduled job (\S+) from queue/.exec(line)?.[1]
      if (name) {
        runs.set(name, (runs.get(name) ?? 0) + 1)
      }
    }
  }
  return runs
}
