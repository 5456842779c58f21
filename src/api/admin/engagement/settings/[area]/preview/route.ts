import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ResolvedLoyaltyOptions } from "../../../../../../modules/loyalty/options"
import { settingsOwnerOf } from "../../../../../../workflows/settings/utils"
import type { AdminPreviewSettingsType } from "../../validators"

/**
 * POST /admin/engagement/settings/:area/preview: what saving these values would change, before
 * saving (reads only): for review requests, how many scheduled ones "apply to scheduled requests"
 * would move; for tiers, how many members would move up or down.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminPreviewSettingsType>, res: MedusaResponse) => {
  const area = req.params.area
  const found = settingsOwnerOf(req.scope, area)
  const values = found.owner.parseSettingsValues(area, req.validatedBody.values)
  const preview: Record<string, number> = {}
  if (found.module === "engagement" && area === "review-requests") {
    const delayNow = (await found.owner.effectiveOptions()).review_requests.delay
    preview.scheduled_on_default_delay = values.delay === delayNow ? 0 : await found.owner.countScheduledOnDelay()
  }
  if (found.module === "loyalty" && area === "loyalty-tiers") {
    Object.assign(preview, await found.owner.previewTierMoves(values as ResolvedLoyaltyOptions["tiers"]))
  }
  res.json({ area, values, preview })
}
