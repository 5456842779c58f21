import { durationMs } from "./duration"
import type { EngagementModuleOptions } from "./options"
import type { ReviewRequestTrigger } from "./types"
import { reviewRequestOptionsFromEnv } from "./review-requests/env"

type Env = Record<string, string | undefined>

function intOrUndefined(value: string | undefined): number | undefined {
  return value === undefined || value === "" ? undefined : Number(value)
}

/** "email_marketing=1,sms_marketing=2": the purposes, each with its ExpertSender consent id. */
function purposesWithExpertSenderIds(value: string | undefined) {
  if (!value) {
    return undefined
  }
  const purposes: Record<string, { channel: "email" | "sms"; expertsender_consent_id?: number }> = {
    email_marketing: { channel: "email" },
    sms_marketing: { channel: "sms" },
    review_requests: { channel: "email" },
  }
  for (const pair of value.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [purpose, id] = pair.split("=").map((part) => part.trim())
    const channel = purposes[purpose]?.channel ?? (purpose.startsWith("sms") ? "sms" : "email")
    purposes[purpose] = { channel, expertsender_consent_id: Number(id) }
  }
  return purposes
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
  const platform = (url: string | undefined, options: Record<string, unknown>) =>
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
      engage: platform(env.ENGAGE_API_URL, {
        api_key: env.ENGAGE_API_KEY,
        contact_type_id: env.ENGAGE_CONTACT_TYPE_ID || undefined,
        my_pages_cache_ms: durationMs(env.ENGAGE_MY_PAGES_CACHE),
        my_pages_promotion_type: env.ENGAGE_MY_PAGES_PROMOTION_TYPE || undefined,
      }),
      crmcom: platform(env.CRMCOM_API_URL, {
        api_key: env.CRMCOM_API_KEY,
        encryption_key: env.CRMCOM_ENCRYPTION_KEY,
      }),
    },
    review_requests: {
      delay: env.ENGAGEMENT_REVIEW_DELAY || undefined,
      // checked against the allowed triggers when the module starts
      trigger: (env.ENGAGEMENT_REVIEW_TRIGGER || undefined) as ReviewRequestTrigger | undefined,
      default_brand: env.ENGAGEMENT_REVIEW_DEFAULT_BRAND || undefined,
      ...reviewRequestOptionsFromEnv(env),
    },
    consents: {
      purposes: purposesWithExpertSenderIds(env.ENGAGEMENT_EXPERTSENDER_CONSENT_IDS),
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
    },
    outbox: {
      max_attempts: intOrUndefined(env.ENGAGEMENT_OUTBOX_MAX_ATTEMPTS),
      base_delay_ms: durationMs(env.ENGAGEMENT_OUTBOX_BASE_DELAY),
      max_delay_ms: durationMs(env.ENGAGEMENT_OUTBOX_MAX_DELAY),
      lease_ms: durationMs(env.ENGAGEMENT_OUTBOX_LEASE),
    },
  }
}

