import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../provider-api/provider"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../modules/loyalty/types"

/** The module that owns a settings area (each keeps its own versions): loyalty's or engagement's. */
export function settingsOwnerOf(
  container: MedusaContainer,
  area: string
): { module: "loyalty"; owner: LoyaltyModuleService } | { module: "engagement"; owner: EngagementModuleService } {
  const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
  if (loyalty.settingsAreaIds().includes(area)) {
    return { module: "loyalty", owner: loyalty }
  }
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  if (engagement.settingsAreaIds().includes(area)) {
    return { module: "engagement", owner: engagement }
  }
  throw new MedusaError(
    MedusaError.Types.NOT_FOUND,
    `area: no settings area ${area} (${settingsAreaIds(container).join(", ")})`
  )
}

export function settingsAreaIds(container: MedusaContainer): string[] {
  return [
    ...container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).settingsAreaIds(),
    ...container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).settingsAreaIds(),
  ]
}
