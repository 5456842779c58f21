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
import {
  createStoreDatabase,
  flushRedis,
  startStoreProcess,
  type StoreProcess,
} from "../../integration-tests/helpers/medusa-store"
import { benchDatabase } from "./config"
import { SRC_ROOT } from "./db"

export { startPlatforms, type Platforms } from "../../integration-tests/helpers/medusa-store"

// on Ctrl+C or a kill the bench exits, and its Medusa process groups end with it (see medusa-store.ts)
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => process.exit(130))
}

const BARE_CONFIG = `import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const redisUrl = process.env.REDIS_URL

// no default secrets: the bench's processes get generated ones (integration-tests/helpers/medusa-store.ts)
const secret = (name: string): string => {
  if (!process.env[name]) {
    throw new Error(name + " is not set")
  }
  return process.env[name] as string
}

// the plugin's demo store without the plugin: the same project settings and Medusa's own modules only
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:8000,http://localhost:9000",
      jwtSecret: secret("JWT_SECRET"),
      cookieSecret: secret("COOKIE_SECRET"),
    },
  },
  admin: { disable: true },
  modules: [
    {
      key: Modules.NOTIFICATION,
      resolve: "@medusajs/medusa/notification",
      options: { providers: [{ resolve: "@medusajs/medusa/notification-local", id: "local", options: { channels: ["email"] } }] },
    },
    // with REDIS_URL, Medusa's Redis modules, as the plugin's demo store declares them
    ...(redisUrl
      ? [
          { key: Modules.EVENT_BUS, resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
          { key: Modules.WORKFLOW_ENGINE, resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
          { key: Modules.CACHE, resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
          {
            key: Modules.LOCKING,
            resolve: "@medusajs/medusa/locking",
            options: { providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } }] },
          },
        ]
      : []),
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

/** A store run as the production topology: a server and `workers` on the Redis database `redisUrl`. */
export interface Topology {
  workers: number
  /** emptied before the store starts and after it stops */
  redisUrl: string
  /** env of one process only (0 the server, 1… the workers), over the store's */
  processEnv?: (index: number) => Record<string, string>
}

/**
 * Creates the database, migrates, seeds and starts the project in `dir` with `medusa start` on
 * `port`; resolves once /health answers. `stop` stops its processes and drops the database.
 *
 * Without `topology`: one process in shared mode without Redis (in-memory event bus, workflow
 * engine and cache; both checkout stores alike). With it: the production topology
 * (docs/production-topology.md), one process with MEDUSA_WORKER_MODE=server on `port` and the workers
 * with MEDUSA_WORKER_MODE=worker on the ports after it, all on `topology.redisUrl`; the returned
 * store is the server, and requests go to it only.
 */
export async function bootStore(
  label: string,
  dir: string,
  port: number,
  env: Record<string, string>,
  topology?: Topology
): Promise<StoreServer> {
  if (topology) {
    const unreachable = await flushRedis(topology.redisUrl)
    if (unreachable) {
      throw new Error(`the ${label} topology needs Redis at ${topology.redisUrl}: ${unreachable.message}`)
    }
  }
  // migrated and seeded without Redis: the seed's events are nobody's work
  const database = await createStoreDatabase(
    benchDatabase(label),
    dir,
    { ...env, REDIS_URL: undefined },
    path.join(SRC_ROOT, "src/scripts/demo/seed.ts")
  )
  const processes: StoreProcess[] = []
  const stop = async () => {
    await Promise.all(processes.map((running) => running.stop()))
    await database.drop()
    if (topology) {
      await flushRedis(topology.redisUrl)
    }
  }
  try {
    const start = async (mode: "shared" | "server" | "worker", at: number) => {
      const running = await startStoreProcess(topology ? `${label} ${mode} ${at}` : label, dir, at, {
        ...env,
        ...topology?.processEnv?.(at - port),
        REDIS_URL: topology?.redisUrl,
        DATABASE_URL: database.url,
        MEDUSA_WORKER_MODE: mode,
      })
      processes.push(running)
      return running
    }
    const [server] = await Promise.all(
      topology
        ? [start("server", port), ...Array.from({ length: topology.workers }, (_, n) => start("worker", port + 1 + n))]
        : [start("shared", port)]
    )
    const { publishableKey, regionId } = database.summary
    const variantIds = await seededVariantIds(server.url, publishableKey)
    return { url: server.url, database: database.name, publishableKey, regionId, variantIds, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** The variants of the demo seed's first products, as a storefront finds them. */
export async function seededVariantIds(url: string, publishableKey: string): Promise<string[]> {
  const found = await fetch(`${url}/store/products?fields=variants.id&limit=5`, {
    headers: { "x-publishable-api-key": publishableKey },
  }).then((res) => res.json() as Promise<{ products: { variants: { id: string }[] }[] }>)
  return found.products.flatMap((product) => product.variants.map((variant) => variant.id))
}
