/**
 * Real Medusa servers for the checkout and routes benches: a store WITH the plugin (this checkout's
 * medusa-config.ts and src/, every platform pointed at a stand-in answering in a fixed latency) and
 * the same store WITHOUT it (a bare Medusa project in a temp folder: package.json, medusa-config.ts
 * with Medusa's own modules only, a symlinked node_modules, no src/). Each on its own fresh database,
 * migrated with `medusa db:migrate` and seeded with the demo seed (src/scripts/demo/seed.ts).
 *
 * Servers run `medusa start` on the TypeScript sources, as `medusa develop` forks it, without the
 * file watcher and without the admin build (MEDUSA_ADMIN_DISABLE): no `medusa build` is needed.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import knexFactory from "knex"
import {
  CRMCOM_TEST_CONFIG,
  ENGAGE_TEST_CONFIG,
  EXPERTSENDER_TEST_CONFIG,
  RECENSUS_TEST_CONFIG,
  REJOINER_TEST_CONFIG,
} from "../../integration-tests/helpers/stand-ins"
import { createCrmComStandIn } from "../../integration-tests/stand-ins/crmcom"
import { createEngageStandIn } from "../../integration-tests/stand-ins/engage"
import { createExpertSenderStandIn } from "../../integration-tests/stand-ins/expertsender"
import { createRecensusStandIn } from "../../integration-tests/stand-ins/recensus"
import { createRejoinerStandIn } from "../../integration-tests/stand-ins/rejoiner"
import type { StandIn } from "../../integration-tests/stand-ins/stand-in"
import { databaseUrl, pg, SRC_ROOT } from "./db"

const { runMedusa, startMedusa, stopGroup } = require("../../src/scripts/demo/processes") as {
  runMedusa: (cli: string, args: string[], options: object, onStart?: (running: Running) => void) => Promise<void>
  startMedusa: (cli: string, args: string[], options: object) => Running
  stopGroup: (running: Running) => Promise<void>
}
type Running = { child: { pid?: number }; exited: Promise<{ code: number | null }> }

const medusaCli = require.resolve("@medusajs/cli/cli.js", { paths: [SRC_ROOT] })

// each Medusa command runs in a process group of its own: on Ctrl+C or a kill, end them with the bench
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
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => process.exit(130))
}
const tracked = (running: Running) => {
  if (running.child.pid) {
    groups.add(running.child.pid)
    running.exited.then(() => groups.delete(running.child.pid!))
  }
  return running
}

export interface Platforms {
  all: StandIn[]
  env: Record<string, string>
  stop(): Promise<void>
}

/** Every platform's stand-in, answering after `latencyMs`, and the env that turns each platform on. */
export async function startPlatforms(latencyMs: number): Promise<Platforms> {
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
  return { all, env, stop: async () => void (await Promise.all(all.map((standIn) => standIn.stop()))) }
}

const BARE_CONFIG = `import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// the plugin's demo store without the plugin: the same project settings and Medusa's own modules only
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:8000,http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: { disable: true },
  modules: [
    {
      key: Modules.NOTIFICATION,
      resolve: "@medusajs/medusa/notification",
      options: { providers: [{ resolve: "@medusajs/medusa/notification-local", id: "local", options: { channels: ["email"] } }] },
    },
  ],
})
`

/** A Medusa project with no plugin and no src/, in a temp folder. */
export function createBareProject(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engagement-bench-bare-"))
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify(
      {
        name: "bench-bare-store",
        private: true,
        version: "0.0.0",
        // what the Medusa CLI looks for to accept the folder as a project (the modules come from the symlink)
        dependencies: { "@medusajs/medusa": "2.21.2", "@medusajs/framework": "2.21.2", "@medusajs/cli": "2.21.2" },
      },
      null,
      2
    )
  )
  fs.writeFileSync(path.join(dir, "medusa-config.ts"), BARE_CONFIG)
  fs.copyFileSync(path.join(SRC_ROOT, "tsconfig.json"), path.join(dir, "tsconfig.json"))
  fs.symlinkSync(fs.realpathSync(path.join(SRC_ROOT, "node_modules")), path.join(dir, "node_modules"))
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

export interface StoreServer {
  url: string
  /** the store's database, dropped by `stop` */
  database: string
  publishableKey: string
  regionId: string
  variantIds: string[]
  stop(): Promise<void>
}

/**
 * Creates the database, migrates, seeds and starts `medusa start` in `dir` on `port`; resolves once
 * /health answers. `stop` stops the server and drops the database.
 */
export async function bootStore(
  label: string,
  dir: string,
  port: number,
  env: Record<string, string>
): Promise<StoreServer> {
  const database = `engagement_bench_${label}_${process.pid}`
  const admin = knexFactory({ client: "pg", connection: { ...pg, database: "postgres" } })
  await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  await admin.raw(`CREATE DATABASE ${database}`)
  const summaryFile = path.join(os.tmpdir(), `${database}.json`)
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    ...env,
    DATABASE_URL: databaseUrl(database),
    PORT: String(port),
    NODE_ENV: "development",
    MEDUSA_ADMIN_DISABLE: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: "error",
    DEMO_SUMMARY_FILE: summaryFile,
  }
  delete childEnv.REDIS_URL // both stores alike: in-memory event bus, workflow engine and cache
  const options = { cwd: dir, env: childEnv }
  let running: Running | undefined
  const stop = async () => {
    if (running) {
      await stopGroup(running)
    }
    await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.destroy()
    fs.rmSync(summaryFile, { force: true })
  }
  try {
    await runMedusa(medusaCli, ["db:migrate", "--execute-safe-links"], options, tracked)
    await runMedusa(medusaCli, ["exec", path.join(SRC_ROOT, "src/scripts/demo/seed.ts")], options, tracked)
    running = tracked(startMedusa(medusaCli, ["start"], options))
    const url = `http://localhost:${port}`
    const deadline = Date.now() + 5 * 60_000
    let exited = false
    running.exited.then(() => (exited = true))
    while (
      !(await fetch(`${url}/health`).then(
        (res) => res.ok,
        () => false
      ))
    ) {
      if (exited || Date.now() > deadline) {
        throw new Error(`medusa start (${label}) did not answer /health`)
      }
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8")) as { publishableKey: string; regionId: string }
    const found = await fetch(`${url}/store/products?fields=variants.id&limit=5`, {
      headers: { "x-publishable-api-key": summary.publishableKey },
    }).then((res) => res.json() as Promise<{ products: { variants: { id: string }[] }[] }>)
    const variantIds = found.products.flatMap((product) => product.variants.map((variant) => variant.id))
    return { url, database, publishableKey: summary.publishableKey, regionId: summary.regionId, variantIds, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
