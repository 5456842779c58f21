import { durationMs } from "../../provider-api/duration"
import type { EngagementModuleOptions } from "./options"
import type { Env } from "../../provider-api/env"
import type { ReviewRequestTrigger } from "./types"
import { reviewRequestOptionsFromEnv } from "./review-requests/env"

function intOrUndefined(value: string | undefined): number | undefined {
  return value === undefined || value === "" ? undefined : Number(value)
}

/**
 * The plugin options from the environment variables docs/configuration.md lists, for the demo
 * and for stores that prefer configuring by environment. Unset means off. The platforms are the
 * `providers` option, built by `engagementProvidersFromEnv` (the `env.ts` of the providers folder).
 */
export function engagementOptionsFromEnv(env: Env): EngagementModuleOptions {
  return {
    review_requests: {
      delay: env.ENGAGEMENT_REVIEW_DELAY || undefined,
      // checked against the allowed triggers when the module starts
      trigger: (env.ENGAGEMENT_REVIEW_TRIGGER || undefined) as ReviewRequestTrigger | undefined,
      default_brand: env.ENGAGEMENT_REVIEW_DEFAULT_BRAND || undefined,
      ...reviewRequestOptionsFromEnv(env),
    },
    consents: {
      link_secret: env.ENGAGEMENT_LINK_SECRET || undefined,
      unsubscribe_url: env.ENGAGEMENT_UNSUBSCRIBE_URL || undefined,
      confirm_url: env.ENGAGEMENT_CONFIRM_URL || undefined,
    },
    storefront: {
      product_url: env.ENGAGEMENT_STOREFRONT_PRODUCT_URL || undefined,
      order_url: env.ENGAGEMENT_STOREFRONT_ORDER_URL || undefined,
    },
    contact_sync: {
      coalesce_ms: durationMs(env.ENGAGEMENT_CONTACT_SYNC_WINDOW),
      // Medusa in server mode only answers requests: a contact its routes change is synced by a
      // worker's minute job, not by a timer in the server (docs/production-topology.md)
      prompt: env.MEDUSA_WORKER_MODE === "server" ? false : undefined,
    },
    reconciliation: {
      window_days: intOrUndefined(env.ENGAGEMENT_RECONCILIATION_WINDOW_DAYS),
      grace_ms: durationMs(env.ENGAGEMENT_RECONCILIATION_GRACE),
    },
    outbox: {
      max_attempts: intOrUndefined(env.ENGAGEMENT_OUTBOX_MAX_ATTEMPTS),
      base_delay_ms: durationMs(env.ENGAGEMENT_OUTBOX_BASE_DELAY),
      max_delay_ms: durationMs(env.ENGAGEMENT_OUTBOX_MAX_DELAY),
      lease_ms: durationMs(env.ENGAGEMENT_OUTBOX_LEASE),
      dry_run:
        env.ENGAGEMENT_DRY_RUN === undefined || env.ENGAGEMENT_DRY_RUN === ""
          ? undefined
          : env.ENGAGEMENT_DRY_RUN === "true",
    },
  }
}
