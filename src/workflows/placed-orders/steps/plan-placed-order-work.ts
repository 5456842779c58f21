import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const planPlacedOrderWorkStepId = "plan-placed-order-work"

/** Which of the plugin's parts of a placed order's work are switched on (statistics and checkout consents always are). */
export interface PlacedOrderWork {
  order_id: string
  review_request: boolean
  cart_conversion: boolean
  /** the local ledger keeps the points; a platform that keeps them (`loyalty.source`) awards them itself */
  loyalty_points: boolean
}

/** Reads the switches once for the whole order's work, as each subscriber used to read its own. */
export const planPlacedOrderWorkStep = createStep(
  planPlacedOrderWorkStepId,
  async (input: { order_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const options = await engagement.effectiveOptions()
    const work: PlacedOrderWork = {
      order_id: input.order_id,
      review_request: options.review_requests.enabled,
      cart_conversion:
        engagement.providersWith("cart_conversions").length > 0 && engagement.getOptions().conversions.enabled,
      loyalty_points: loyalty.options.source === "local",
    }
    return new StepResponse(work)
  }
)
