import { durationMs } from "./duration"
import type { EngagementModuleOptions } from "./options"
import type { ReviewRequestTrigger } from "./types"

type Env = Record<string, string | undefined>

function intOrUndefined(value: string | undefined): number | undefined {
  return value === undefined || value === "" ? undefined : Number(value)
}

/**
 * The plugin options from the environment variables the README documents, for the demo
 * and for stores that prefer configuring by environment. Unset means off.
 */
export function engagementOptionsFromEnv(env: Env): EngagementModuleOptions {
  const shared = {
    timeout_ms: durationMs(env.ENGAGEMENT_HTTP_TIMEOUT),
    concurrency: intOrUndefined(env.ENGAGEMENT_HTTP_CONCURRENCY),
  }
  // a platform is on when its base URL is set; its credentials are then checked at start-up
  const platform = (url: string | undefined, options: Record<string, string | undefined>) =>
    url ? { api_url: url, ...shared, ...options } : undefined

  return {
    platforms: {
      recensus: platform(env.RECENSUS_API_URL, {
        merchant_id: env.RECENSUS_MERCHANT_ID,
        token: env.RECENSUS_TOKEN,
        shared_secret: env.RECENSUS_SHARED_SECRET,
      }),
      rejoiner: platform(env.REJOINER_API_URL, { api_key: env.REJOINER_API_KEY }),
      expertsender: platform(env.EXPERTSENDER_API_URL, { api_key: env.EXPERTSENDER_API_KEY }),
      engage: platform(env.ENGAGE_API_URL, { api_key: env.ENGAGE_API_KEY }),
      crmcom: platform(env.CRMCOM_API_URL, { api_key: env.CRMCOM_API_KEY }),
    },
    review_requests: {
      delay: env.ENGAGEMENT_REVIEW_DELAY || undefined,
      // checked against the allowed triggers when the module starts
      trigger: (env.ENGAGEMENT_REVIEW_TRIGGER || undefined) as ReviewRequestTrigger | undefined,
      default_brand: env.ENGAGEMENT_REVIEW_DEFAULT_BRAND || undefined,
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
    outbox: {
      max_attempts: intOrUndefined(env.ENGAGEMENT_OUTBOX_MAX_ATTEMPTS),
      base_delay_ms: durationMs(env.ENGAGEMENT_OUTBOX_BASE_DELAY),
      max_delay_ms: durationMs(env.ENGAGEMENT_OUTBOX_MAX_DELAY),
    },
  }
}

