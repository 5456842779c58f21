import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type EngagementModuleService from "../../../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../../../provider-api/provider"
import { AdminGetPlatformStatsParamsType, DELIVERY_WINDOWS } from "../validators"

/**
 * GET /admin/engagement/platforms/stats?window=24h|7d: each switched-on platform's deliveries
 * created in the window, delivered, failed (retrying or given up) and waiting.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { window } = req.validatedQuery as AdminGetPlatformStatsParamsType
  const engagement = req.scope.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const providers = engagement.listProviders()
  const counts = await engagement.deliveryCounts(
    providers.map((platform) => platform.id),
    DELIVERY_WINDOWS[window]
  )
  res.json({
    stats: {
      window,
      platforms: counts.map((row, index) => ({ ...row, name: providers[index].name })),
    },
  })
}
