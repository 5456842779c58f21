import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { ConversionOrder } from "../../../provider-api/capabilities"
import { EnqueueDeliveryInput } from "../../../provider-api/types"
import { readOrder, SharedOrderReadInput } from "../../../utils/shared-order-read"

/** What the cart conversions of the platforms on read of an order (none when none is on). */
export function conversionOrderFields(engagement: EngagementModuleService): string[] {
  if (!engagement.getOptions().conversions.enabled) {
    return []
  }
  const platforms = engagement.providersWith("cart_conversions")
  return [...new Set(platforms.flatMap(({ capability }) => capability.order_fields))]
}

export const buildCartConversionStepId = "build-cart-conversion"

/**
 * Builds the cart conversion of an order for every platform that takes cart conversions, as
 * outbox deliveries keyed per order so each is sent once. Nothing when no such platform is on or
 * the order has no email. Reads only; the order is read here because its BigNumber amounts do not
 * survive serialisation between steps.
 */
export const buildCartConversionStep = createStep(
  buildCartConversionStepId,
  async (input: { order_id: string } & SharedOrderReadInput, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const options = engagement.getOptions()
    const platforms = engagement.providersWith("cart_conversions")
    if (!platforms.length || !options.conversions.enabled) {
      return new StepResponse([] as EnqueueDeliveryInput[])
    }
    const order = await readOrder(container, input.order_id, conversionOrderFields(engagement), input.shared_read)
    if (!order) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${input.order_id} was not found`)
    }
    if (!order.email) {
      return new StepResponse([] as EnqueueDeliveryInput[])
    }
    return new StepResponse(
      platforms.map(({ capability }): EnqueueDeliveryInput => ({
        ...capability.build(order as ConversionOrder, options.storefront),
        origin: "cart_conversion",
      }))
    )
  }
)
