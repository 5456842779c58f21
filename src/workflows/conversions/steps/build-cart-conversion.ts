import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { EnqueueDeliveryInput } from "../../../provider-api/types"

export const buildCartConversionStepId = "build-cart-conversion"

/**
 * Builds the cart conversion of an order for every platform that takes cart conversions, as
 * outbox deliveries keyed per order so each is sent once. Nothing when no such platform is on or
 * the order has no email. Reads only; the order is read here because its BigNumber amounts do not
 * survive serialisation between steps.
 */
export const buildCartConversionStep = createStep(
  buildCartConversionStepId,
  async (input: { order_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const options = engagement.getOptions()
    const platforms = engagement.providersWith("cart_conversions")
    if (!platforms.length || !options.conversions.enabled) {
      return new StepResponse([] as EnqueueDeliveryInput[])
    }
    const fields = [...new Set(platforms.flatMap(({ capability }) => capability.order_fields))]
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [order],
    } = await query.graph({ entity: "order", fields, filters: { id: input.order_id } })
    if (!order) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${input.order_id} was not found`)
    }
    if (!order.email) {
      return new StepResponse([] as EnqueueDeliveryInput[])
    }
    return new StepResponse(
      platforms.map(({ capability }): EnqueueDeliveryInput => ({
        ...capability.build(order, options.storefront),
        origin: "cart_conversion",
      }))
    )
  }
)
