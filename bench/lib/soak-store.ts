/**
 * The store the soak loads: the demo store with the plugin and every platform on its stand-in,
 * with review requests due at once and short retry delays so the soak settles in minutes. Either
 * one `medusa start` in shared mode without Redis (as the other store benches), or the production
 * topology (README, "Production topology"): one server and N workers on Redis and one database.
 */
import path from "node:path"
import {
  createStoreDatabase,
  flushRedis,
  startStoreProcess,
  type StoreProcess,
} from "../../integration-tests/helpers/medusa-store"
import { SRC_ROOT } from "./db"
import { bootStore, seededVariantIds, type StoreServer } from "./store-server"

export const SOAK_ENV = {
  ENGAGEMENT_LINK_SECRET: "soak-link-secret-soak-link-secret-0123456789",
  ENGAGEMENT_REVIEW_DELAY: "0s",
  ENGAGEMENT_CONTACT_SYNC_WINDOW: "5s",
  ENGAGEMENT_OUTBOX_BASE_DELAY: "1s",
  ENGAGEMENT_OUTBOX_MAX_DELAY: "10s",
  ENGAGEMENT_OUTBOX_MAX_ATTEMPTS: "30",
}

/** The Redis database the soak's topology uses: emptied before and after (SOAK_REDIS_URL to change it). */
export const SOAK_REDIS_URL = process.env.SOAK_REDIS_URL || "redis://127.0.0.1:6379/10"

export async function startSoakStore(port: number, platformEnv: Record<string, string>): Promise<StoreServer> {
  return await bootStore("soak", SRC_ROOT, port, { ...platformEnv, ...SOAK_ENV })
}

/**
 * One `medusa start` with MEDUSA_WORKER_MODE=server on `port` and `workers` with
 * MEDUSA_WORKER_MODE=worker on the ports after it, all on SOAK_REDIS_URL and one fresh database.
 * The returned store is the server: the load goes through it only.
 */
export async function startSoakTopology(
  port: number,
  platformEnv: Record<string, string>,
  workers: number
): Promise<StoreServer> {
  const unreachable = await flushRedis(SOAK_REDIS_URL)
  if (unreachable) {
    throw new Error(`--topology needs Redis at ${SOAK_REDIS_URL} (SOAK_REDIS_URL): ${unreachable.message}`)
  }
  const env = { ...platformEnv, ...SOAK_ENV }
  // migrated and seeded without Redis: the seed's events are nobody's work
  const database = await createStoreDatabase(
    `engagement_bench_soak_${process.pid}`,
    SRC_ROOT,
    { ...env, REDIS_URL: undefined },
    path.join(SRC_ROOT, "src/scripts/demo/seed.ts")
  )
  const processes: StoreProcess[] = []
  const stop = async () => {
    await Promise.all(processes.map((running) => running.stop()))
    await database.drop()
    await flushRedis(SOAK_REDIS_URL)
  }
  try {
    const start = async (mode: "server" | "worker", at: number) => {
      const running = await startStoreProcess(`soak ${mode} ${at}`, SRC_ROOT, at, {
        ...env,
        REDIS_URL: SOAK_REDIS_URL,
        DATABASE_URL: database.url,
        MEDUSA_WORKER_MODE: mode,
      })
      processes.push(running)
      return running
    }
    const [server] = await Promise.all([
      start("server", port),
      ...Array.from({ length: workers }, (_, n) => start("worker", port + 1 + n)),
    ])
    const { publishableKey, regionId } = database.summary
    const variantIds = await seededVariantIds(server.url, publishableKey)
    return { url: server.url, database: database.name, publishableKey, regionId, variantIds, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
