import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { recordCartConversionWorkflow } from "../workflows/conversions/workflows/record-cart-conversion"
import { withLoggableErrors } from "../utils/database-errors"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"

/** Every placed order converts the shopper's cart on the platforms that take cart conversions. */
async function orderPlacedCartConversion({ event, container }: SubscriberArgs<{ id: string }>) {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  if (!engagement.providersWith("cart_conversions").length || !engagement.getOptions().conversions.enabled) {
    return
  }
  await recordCartConversionWorkflow(container).run({ input: { order_id: event.data.id } })
}

export default withLoggableErrors(orderPlacedCartConversion)

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "engagement-order-placed-cart-conversion" },
}
