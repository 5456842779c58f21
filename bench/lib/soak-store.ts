/**
 * The store the soak loads: the demo store with the plugin and every platform on its stand-in,
 * with review requests due at once and short retry delays so the soak settles in minutes. Either
 * one `medusa start` in shared mode without Redis (as the other store benches), or the production
 * topology (docs/production-topology.md): one server and N workers on Redis and one database, each
 * process reaching the stand-ins through a forwarding proxy of its own that notes its calls, so the
 * soak can tell which process sent what.
 */
import { randomBytes } from "node:crypto"
import { startProcessProxy, type ProcessProxy } from "../../integration-tests/topology/process-proxy"
import { REDIS_URLS } from "./config"
import { SRC_ROOT } from "./db"
import { bootStore, type StoreServer } from "./store-server"

/** The demo seed's admin, with a password made for this run (no default secret). */
export const SOAK_ADMIN = { email: "admin@example.com", password: randomBytes(12).toString("base64url") }

export const SOAK_ENV = {
  ENGAGEMENT_LINK_SECRET: "soak-link-secret-soak-link-secret-0123456789",
  ENGAGEMENT_REVIEW_DELAY: "0s",
  ENGAGEMENT_CONTACT_SYNC_WINDOW: "5s",
  ENGAGEMENT_OUTBOX_BASE_DELAY: "1s",
  ENGAGEMENT_OUTBOX_MAX_DELAY: "10s",
  ENGAGEMENT_OUTBOX_MAX_ATTEMPTS: "30",
  DEMO_ADMIN_EMAIL: SOAK_ADMIN.email,
  DEMO_ADMIN_PASSWORD: SOAK_ADMIN.password,
}

/** The Redis database the soak's topology uses: emptied before and after (BENCH_REDIS_DB or SOAK_REDIS_URL to change it). */
export const SOAK_REDIS_URL = process.env.SOAK_REDIS_URL || REDIS_URLS.soak

export interface SoakStore extends StoreServer {
  /** in the topology, each process's way to the stand-ins (0 the server, 1… the workers) */
  proxies: ProcessProxy[]
}

/** The soak's store on `port`: one shared-mode process, or with `workers` a server and that many workers on SOAK_REDIS_URL. */
export async function startSoakStore(
  port: number,
  platformEnv: Record<string, string>,
  workers = 0
): Promise<SoakStore> {
  const proxies: ProcessProxy[] = []
  try {
    for (let index = 0; workers && index <= workers; index++) {
      proxies.push(await startProcessProxy(platformEnv))
    }
    const topology = workers
      ? { workers, redisUrl: SOAK_REDIS_URL, processEnv: (index: number) => proxies[index].env }
      : undefined
    const store = await bootStore("soak", SRC_ROOT, port, { ...platformEnv, ...SOAK_ENV }, topology)
    const stopStore = store.stop
    const stop = async () => {
      await stopStore()
      await Promise.all(proxies.map((proxy) => proxy.stop()))
    }
    return { ...store, proxies, stop }
  } catch (error) {
    await Promise.all(proxies.map((proxy) => proxy.stop()))
    throw error
  }
}
