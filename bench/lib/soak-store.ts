/**
 * The store the soak loads: the demo store with the plugin and every platform on its stand-in,
 * with review requests due at once and short retry delays so the soak settles in minutes. Either
 * one `medusa start` in shared mode without Redis (as the other store benches), or the production
 * topology (docs/production-topology.md): one server and N workers on Redis and one database.
 */
import { REDIS_URLS } from "./config"
import { SRC_ROOT } from "./db"
import { bootStore, type StoreServer } from "./store-server"

export const SOAK_ENV = {
  ENGAGEMENT_LINK_SECRET: "soak-link-secret-soak-link-secret-0123456789",
  ENGAGEMENT_REVIEW_DELAY: "0s",
  ENGAGEMENT_CONTACT_SYNC_WINDOW: "5s",
  ENGAGEMENT_OUTBOX_BASE_DELAY: "1s",
  ENGAGEMENT_OUTBOX_MAX_DELAY: "10s",
  ENGAGEMENT_OUTBOX_MAX_ATTEMPTS: "30",
}

/** The Redis database the soak's topology uses: emptied before and after (BENCH_REDIS_DB or SOAK_REDIS_URL to change it). */
export const SOAK_REDIS_URL = process.env.SOAK_REDIS_URL || REDIS_URLS.soak

/** The soak's store on `port`: one shared-mode process, or with `workers` a server and that many workers on SOAK_REDIS_URL. */
export async function startSoakStore(
  port: number,
  platformEnv: Record<string, string>,
  workers = 0
): Promise<StoreServer> {
  const topology = workers ? { workers, redisUrl: SOAK_REDIS_URL } : undefined
  return await bootStore("soak", SRC_ROOT, port, { ...platformEnv, ...SOAK_ENV }, topology)
}
