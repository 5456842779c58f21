/**
 * The store the soak loads: the demo store with the plugin and every platform on its stand-in,
 * with review requests due at once and short retry delays so the soak settles in minutes.
 */
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

export async function startSoakStore(port: number, platformEnv: Record<string, string>): Promise<StoreServer> {
  return await bootStore("soak", SRC_ROOT, port, { ...platformEnv, ...SOAK_ENV })
}
