import type { MedusaContainer } from "@medusajs/framework/types"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { ConsentSource } from "../../../modules/engagement/types"

/** Every configured purpose with its current value (null until the shopper has chosen). */
export async function currentConsentsOf(scope: MedusaContainer, customerId: string) {
  const engagement = scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const purposes = engagement.getOptions().consents.purposes
  const current = await engagement.getCurrentConsents(customerId)
  return Object.entries(purposes).map(([purpose, config]) => {
    const latest = current.find((row) => row.purpose === purpose)
    return {
      purpose,
      channel: config.channel,
      description: config.description ?? null,
      value: latest?.value ?? null,
      // the ledger's source column holds one of CONSENT_SOURCES (an enum in the model)
      source: (latest?.source ?? null) as ConsentSource | null,
      recorded_at: latest?.recorded_at ?? null,
    }
  })
}
