import type { Env } from "../../provider-api/env"

/** "email_marketing=1,sms_marketing=2": each consent purpose with its ExpertSender consent id. */
function consentIds(value: string | undefined): Record<string, number> | undefined {
  if (!value) {
    return undefined
  }
  const ids: Record<string, number> = {}
  for (const pair of value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [purpose, id] = pair.split("=").map((part) => part.trim())
    ids[purpose] = Number(id)
  }
  return ids
}

/** ExpertSender is on when EXPERTSENDER_API_URL is set. */
export function providerOptionsFromEnv(env: Env): Record<string, unknown> | undefined {
  return env.EXPERTSENDER_API_URL
    ? {
        api_url: env.EXPERTSENDER_API_URL,
        api_key: env.EXPERTSENDER_API_KEY,
        consent_ids: consentIds(env.ENGAGEMENT_EXPERTSENDER_CONSENT_IDS),
      }
    : undefined
}
