import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { platformState } from "../../../../modules/engagement/outbox/platform-state"
import type EngagementModuleService from "../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../provider-api/provider"

/**
 * GET /admin/engagement/platforms: every platform registered as a provider, with its state (the
 * rule in platform-state.ts, and in words in `state_rule`), operations, delivery counts, latest
 * error with the platform's own words, 429 pause (from the database: whichever process got the
 * 429) and contact sync counts. Built from an explicit list of fields: no option of a platform
 * (keys, tokens, secrets, URLs) is ever read here.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const providers = engagement.listProviders()
  const health = await engagement.summarizeDeliveries(providers.map((platform) => platform.id))
  const syncing = new Set(engagement.contactSyncPlatforms())
  const platforms = await Promise.all(
    providers.map(async (platform, index) => {
      const { state, rule } = platformState({
        name: platform.name,
        // a registered provider has passed its options' checks at start-up
        configured: true,
        dry_run: await engagement.isPlatformInDryRun(platform.id),
        paused_until: health[index].paused_until,
        recent: health[index].recent,
      })
      return {
        id: platform.id,
        name: platform.name,
        configured: true,
        state,
        state_rule: rule,
        operations: platform.operations,
        operation_labels: platform.operation_labels,
        deliveries: { last_24h: health[index].last_24h, all: health[index].all },
        last_error: health[index].last_error,
        paused_until: health[index].paused_until,
        contact_sync: syncing.has(platform.id) ? await engagement.countContactSyncs(platform.id) : null,
      }
    })
  )
  res.json({ platforms })
}
