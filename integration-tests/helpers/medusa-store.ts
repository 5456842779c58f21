/**
 * Real `medusa start` processes on a database of their own, for the bench and the topology test:
 * the platform stand-ins and the env that points the plugin at them, a fresh database migrated
 * with `medusa db:migrate` and seeded with the demo seed (src/scripts/demo/seed.ts), and server or
 * worker processes that answer /health.
 *
 * Servers run `medusa start` on the TypeScript sources, as `medusa develop` forks it, without the
 * file watcher and without the admin build (MEDUSA_ADMIN_DISABLE): no `medusa build` is needed.
 * Each Medusa command runs in a process group of its own, ended with the calling process.
 */
import { randomBytes } from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type { Readable } from "node:stream"
import knexFactory from "knex"
import { createCrmComStandIn } from "../stand-ins/crmcom"
import { createEngageStandIn } from "../stand-ins/engage"
import { createExpertSenderStandIn } from "../stand-ins/expertsender"
import { createRecensusStandIn } from "../stand-ins/recensus"
import { createRejoinerStandIn } from "../stand-ins/rejoiner"
import type { StandIn } from "../stand-ins/stand-in"
import {
  CRMCOM_TEST_CONFIG,
  ENGAGE_TEST_CONFIG,
  EXPERTSENDER_TEST_CONFIG,
  RECENSUS_TEST_CONFIG,
  REJOINER_TEST_CONFIG,
} from "./stand-ins"

const { runMedusa, startMedusa, stopGroup } = require("../../src/scripts/demo/processes") as {
  runMedusa: (cli: string, args: string[], options: object, onStart?: (running: Running) => void) => Promise<void>
  startMedusa: (cli: string, args: string[], options: object) => Running
  stopGroup: (running: Running) => Promise<void>
}
export type Running = {
  child: { pid?: number; stdout: Readable | null; stderr: Readable | null }
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** The PostgreSQL the tests use (DB_HOST, default localhost). */
export const pg = {
  host: process.env.DB_HOST || "localhost",
  user: process.env.DB_USERNAME || "postgres",
  password: process.env.DB_PASSWORD || "",
  port: Number(process.env.DB_PORT || 5432),
}

export function databaseUrl(database: string): string {
  const auth = pg.password ? `${pg.user}:${encodeURIComponent(pg.password)}` : pg.user
  return `postgres://${auth}@${pg.host}:${pg.port}/${database}`
}

// on exit (Ctrl+C, a kill, the end of a test run) every Medusa process group still running ends too
const groups = new Set<number>()
process.once("exit", () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, "SIGTERM")
    } catch {
      // already gone
    }
  }
})
const tracked = (running: Running) => {
  if (running.child.pid) {
    groups.add(running.child.pid)
    running.exited.then(() => groups.delete(running.child.pid!))
  }
  return running
}

export interface Platforms {
  all: StandIn[]
  recensus: StandIn
  rejoiner: StandIn
  expertsender: StandIn
  engage: ReturnType<typeof createEngageStandIn>
  crmcom: ReturnType<typeof createCrmComStandIn>
  env: Record<string, string>
  stop(): Promise<void>
}

/** Every platform's stand-in, answering after `latencyMs`, and the env that turns each platform on. */
export async function startPlatforms(latencyMs = 0): Promise<Platforms> {
  const recensus = createRecensusStandIn(RECENSUS_TEST_CONFIG)
  const rejoiner = createRejoinerStandIn(REJOINER_TEST_CONFIG)
  const expertsender = createExpertSenderStandIn(EXPERTSENDER_TEST_CONFIG)
  const engage = createEngageStandIn(ENGAGE_TEST_CONFIG)
  const crmcom = createCrmComStandIn({ apiKey: CRMCOM_TEST_CONFIG.apiKey })
  const all: StandIn[] = [recensus, rejoiner, expertsender, engage, crmcom]
  const env = {
    RECENSUS_API_URL: await recensus.start(),
    RECENSUS_MERCHANT_ID: RECENSUS_TEST_CONFIG.merchantId,
    RECENSUS_TOKEN: RECENSUS_TEST_CONFIG.token,
    RECENSUS_SHARED_SECRET: RECENSUS_TEST_CONFIG.sharedSecret,
    REJOINER_API_URL: await rejoiner.start(),
    REJOINER_API_KEY: REJOINER_TEST_CONFIG.apiKey,
    EXPERTSENDER_API_URL: await expertsender.start(),
    EXPERTSENDER_API_KEY: EXPERTSENDER_TEST_CONFIG.apiKey,
    ENGAGE_API_URL: await engage.start(),
    ENGAGE_API_KEY: ENGAGE_TEST_CONFIG.apiKey,
    CRMCOM_API_URL: await crmcom.start(),
    CRMCOM_API_KEY: CRMCOM_TEST_CONFIG.apiKey,
    CRMCOM_ENCRYPTION_KEY: CRMCOM_TEST_CONFIG.encryptionKey,
  }
  for (const standIn of all) {
    standIn.latencyMs = latencyMs
  }
  const stop = async () => void (await Promise.all(all.map((standIn) => standIn.stop())))
  return { all, recensus, rejoiner, expertsender, engage, crmcom, env, stop }
}

/** What the demo seed wrote for the runner (src/scripts/demo/seed.ts). */
export interface SeedSummary {
  publishableKey: string
  regionId: string
  salesChannelId: string
}

export interface StoreDatabase {
  name: string
  url: string
  summary: SeedSummary
  drop(): Promise<void>
}

/**
 * A fresh database `name`, migrated (`medusa db:migrate`) by the project in `dir` and seeded with
 * the demo seed (this checkout's, or `seedScript`).
 */
export async function createStoreDatabase(
  name: string,
  dir: string,
  env: Record<string, string | undefined>,
  seedScript = path.resolve(__dirname, "../../src/scripts/demo/seed.ts")
): Promise<StoreDatabase> {
  const admin = knexFactory({ client: "pg", connection: { ...pg, database: "postgres" } })
  const drop = async () => {
    await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.destroy()
  }
  const summaryFile = path.join(os.tmpdir(), `${name}.json`)
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.raw(`CREATE DATABASE ${name}`)
    const options = { cwd: dir, env: medusaEnv({ ...env, DATABASE_URL: databaseUrl(name) }, summaryFile) }
    const cli = medusaCli(dir)
    await runMedusa(cli, ["db:migrate", "--execute-safe-links"], options, tracked)
    await runMedusa(cli, ["exec", seedScript], options, tracked)
    const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8")) as SeedSummary
    return { name, url: databaseUrl(name), summary, drop }
  } catch (error) {
    await drop()
    throw error
  } finally {
    fs.rmSync(summaryFile, { force: true })
  }
}

export interface StoreProcess {
  url: string
  running: Running
  /** the process's stdout and stderr, line by line, when started with `capture` */
  output: string[]
  /** SIGTERM to its group, SIGKILL after a grace period; resolves once every process in it is gone */
  stop(): Promise<void>
  /** SIGKILL to its whole group at once, as a crash would end it */
  kill(): Promise<void>
}

/**
 * `medusa start` in `dir` on `port` with `env` (DATABASE_URL, MEDUSA_WORKER_MODE, REDIS_URL…);
 * resolves once /health answers. With `capture` its output is kept in `output` instead of shown.
 */
export async function startStoreProcess(
  label: string,
  dir: string,
  port: number,
  env: Record<string, string | undefined>,
  { capture = false, timeoutMs = 5 * 60_000 } = {}
): Promise<StoreProcess> {
  const options = {
    cwd: dir,
    env: medusaEnv({ ...env, PORT: String(port) }),
    stdio: capture ? ["ignore", "pipe", "pipe"] : undefined,
  }
  const running = tracked(startMedusa(medusaCli(dir), ["start"], options))
  const output: string[] = []
  for (const stream of [running.child.stdout, running.child.stderr]) {
    stream?.setEncoding("utf8").on("data", (chunk: string) => output.push(...chunk.split("\n").filter(Boolean)))
  }
  let exited = false
  running.exited.then(() => (exited = true))
  const process_: StoreProcess = {
    url: `http://localhost:${port}`,
    running,
    output,
    stop: () => stopGroup(running),
    kill: async () => {
      try {
        process.kill(-running.child.pid!, "SIGKILL")
      } catch {
        // already gone
      }
      await running.exited
    },
  }
  const deadline = Date.now() + timeoutMs
  while (
    !(await fetch(`${process_.url}/health`).then(
      (res) => res.ok,
      () => false
    ))
  ) {
    if (exited || Date.now() > deadline) {
      await process_.stop()
      throw new Error(`medusa start (${label}) did not answer /health\n${output.slice(-40).join("\n")}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return process_
}

// Medusa's own Redis client (the helpers do not depend on it directly)
const Redis = require(
  require.resolve("ioredis", { paths: [path.dirname(require.resolve("@medusajs/workflow-engine-redis/package.json"))] })
) as new (url: string, options?: object) => { flushdb(): Promise<unknown>; quit(): Promise<unknown> }

/** Empties the Redis database `url` names (a test's or a bench's own); the error when Redis does not answer. */
export async function flushRedis(url: string): Promise<Error | null> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 })
  const failed = await redis.flushdb().then(
    () => null,
    (error: Error) => error
  )
  await redis.quit().catch(() => undefined)
  return failed
}

function medusaCli(dir: string): string {
  return require.resolve("@medusajs/cli/cli.js", { paths: [dir] })
}

/**
 * Secrets of this process's Medusa servers (there are no defaults): random, the same for every server
 * this process starts, so a token signed by one (or before a restart) is accepted by the next.
 */
const RUN_SECRETS = {
  JWT_SECRET: process.env.JWT_SECRET || randomBytes(48).toString("base64url"),
  COOKIE_SECRET: process.env.COOKIE_SECRET || randomBytes(48).toString("base64url"),
}

/** The environment of a Medusa command: this one's, with `env` on top (an `undefined` there unsets a variable). */
function medusaEnv(env: Record<string, string | undefined>, summaryFile?: string): Record<string, string> {
  const merged: Record<string, string | undefined> = {
    ...RUN_SECRETS,
    ...process.env,
    NODE_ENV: "development",
    MEDUSA_ADMIN_DISABLE: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: "error",
    // a test runner's flags (jest's --experimental-vm-modules) are not the server's
    NODE_OPTIONS: "",
    ...env,
    ...(summaryFile ? { DEMO_SUMMARY_FILE: summaryFile } : {}),
  }
  return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined))
}

/** A TCP port for a store process to listen on (helpers/free-port.js says how it is picked). */
export const freePort = (require("./free-port") as { freePort(): Promise<number> }).freePort
