import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE, EnqueueDeliveryInput } from "../../../modules/engagement/types"
import { REJOINER, RejoinerOperations } from "../../../providers/rejoiner"
import { buildRejoinerConversion, ConvertOrder } from "../../../providers/rejoiner/convert"

export const buildCartConversionStepId = "build-cart-conversion"

/**
 * Builds the Rejoiner conversion of an order as an outbox delivery, keyed per order so the
 * conversion is sent once. Nothing when Rejoiner is off or the order has no email. Reads only.
 */
export const buildCartConversionStep = createStep(
  buildCartConversionStepId,
  async (input: { order: ConvertOrder & { customer_id?: string | null } }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const options = engagement.getOptions()
    if (!engagement.isPlatformEnabled(REJOINER) || !options.conversions.enabled || !input.order.email) {
      return new StepResponse([] as EnqueueDeliveryInput[])
    }
    const delivery: EnqueueDeliveryInput = {
      platform: REJOINER,
      operation: RejoinerOperations.Convert,
      idempotency_key: `conversion:${input.order.id}:rejoiner`,
      order_id: input.order.id,
      customer_id: input.order.customer_id ?? null,
      payload: buildRejoinerConversion(input.order, options.conversions, options.storefront),
    }
    return new StepResponse([delivery])
  }
)
