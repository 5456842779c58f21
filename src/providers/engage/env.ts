import { durationMs } from "../../provider-api/duration"
import type { Env } from "../../provider-api/env"

/** Voyado Engage is on when ENGAGE_API_URL is set. */
export function providerOptionsFromEnv(env: Env): Record<string, unknown> | undefined {
  return env.ENGAGE_API_URL
    ? {
        api_url: env.ENGAGE_API_URL,
        api_key: env.ENGAGE_API_KEY,
        contact_type_id: env.ENGAGE_CONTACT_TYPE_ID || undefined,
        my_pages_cache_ms: durationMs(env.ENGAGE_MY_PAGES_CACHE),
        my_pages_promotion_type: env.ENGAGE_MY_PAGES_PROMOTION_TYPE || undefined,
      }
    : undefined
}
