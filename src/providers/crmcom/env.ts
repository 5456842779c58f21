import type { Env } from "../../provider-api/env"

/** CRM.COM is on when CRMCOM_API_URL is set; CRMCOM_ENCRYPTION_KEY is then required. */
export function providerOptionsFromEnv(env: Env): Record<string, unknown> | undefined {
  return env.CRMCOM_API_URL
    ? { api_url: env.CRMCOM_API_URL, api_key: env.CRMCOM_API_KEY, encryption_key: env.CRMCOM_ENCRYPTION_KEY }
    : undefined
}
