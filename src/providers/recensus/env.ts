import type { Env } from "../../provider-api/env"

/** Recensus is on when RECENSUS_API_URL is set; its credentials are then checked at start-up. */
export function providerOptionsFromEnv(env: Env): Record<string, unknown> | undefined {
  return env.RECENSUS_API_URL
    ? {
        api_url: env.RECENSUS_API_URL,
        merchant_id: env.RECENSUS_MERCHANT_ID,
        token: env.RECENSUS_TOKEN,
        shared_secret: env.RECENSUS_SHARED_SECRET,
      }
    : undefined
}
