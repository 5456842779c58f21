import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE, EnqueueDeliveryInput } from "../../../modules/engagement/types"
import { REJOINER, RejoinerOperations } from "../../../providers/rejoiner"
import { buildRejoinerConversion, ConvertOrder } from "../../../providers/rejoiner/convert"

export const buildCartConversionStepId = "build-cart-conversion"

export const CONVERSION_ORDER_FIELDS = [
  "id",
  "display_id",
  "email",
  "customer_id",
  "currency_code",
  "total",
  "metadata",
  "promotions.code",
  // the whole line item: its quantity and unit price live in the order item detail,
  // which the order module only merges in when the item is read as a whole
  "items.*",
  "items.adjustments.code",
  "items.product.metadata",
  "items.product.categories.name",
]

/**
 * Builds the Rejoiner conversion of an order as an outbox delivery, keyed per order so the
 * conversion is sent once. Nothing when Rejoiner is off or the order has no email. Reads only;
 * the order is read here because its BigNumber amounts do not survive serialisation between steps.
 */
export const buildCartConversionStep = createStep(
  buildCartConversionStepId,
  async (input: { order_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const options = engagement.getOptions()
    if (!engagement.isPlatformEnabled(REJOINER) || !options.conversions.enabled) {
      return new StepResponse([] as EnqueueDeliveryInput[])
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [order],
    } = await query.graph({ entity: "order", fields: CONVERSION_ORDER_FIELDS, filters: { id: input.order_id } })
    if (!order) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${input.order_id} was not found`)
    }
    if (!order.email) {
      return new StepResponse([] as EnqueueDeliveryInput[])
    }
    const delivery: EnqueueDeliveryInput = {
      platform: REJOINER,
      operation: RejoinerOperations.Convert,
      idempotency_key: `conversion:${order.id}:rejoiner`,
      order_id: order.id,
      customer_id: order.customer_id ?? null,
      payload: buildRejoinerConversion(order as ConvertOrder, options.conversions, options.storefront),
    }
    return new StepResponse([delivery])
  }
)
