import type { Env } from "../../provider-api/env"

/** Rejoiner is on when REJOINER_API_URL is set. */
export function providerOptionsFromEnv(env: Env): Record<string, unknown> | undefined {
  return env.REJOINER_API_URL ? { api_url: env.REJOINER_API_URL, api_key: env.REJOINER_API_KEY } : undefined
}
