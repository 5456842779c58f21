import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, FulfillmentWorkflowEvents, OrderWorkflowEvents } from "@medusajs/framework/utils"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { ReviewRequestTrigger } from "../modules/engagement/types"
import { startReviewRequestClockWorkflow } from "../workflows/review-requests/workflows/start-review-request-clock"
import { withLoggableErrors } from "../utils/database-errors"

const TRIGGER_BY_EVENT: Record<string, ReviewRequestTrigger> = {
  [OrderWorkflowEvents.FULFILLMENT_CREATED]: "fulfilled",
  [FulfillmentWorkflowEvents.SHIPMENT_CREATED]: "shipped",
  [FulfillmentWorkflowEvents.DELIVERY_CREATED]: "delivered",
}

/**
 * Starts the review request's clock when the owner counts the delay from fulfilment, shipment
 * or delivery. `order.fulfillment_created` names the order; the other two name the fulfilment.
 */
async function fulfilmentReviewRequestClock({ event, container }: SubscriberArgs<{ order_id?: string; id?: string }>) {
  const options = (await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).effectiveOptions())
    .review_requests
  const trigger = TRIGGER_BY_EVENT[event.name]
  if (!options.enabled || trigger !== options.trigger) {
    return
  }
  let orderId = event.data.order_id
  if (!orderId && event.data.id) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "fulfillment",
      fields: ["id", "order.id"],
      filters: { id: event.data.id },
    })
    orderId = data[0]?.order?.id
  }
  if (!orderId) {
    return
  }
  // the delay its products ask for, decided when the order was placed
  const [waiting] = await container
    .resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    .listReviewRequests({ order_id: orderId }, { select: ["id", "delay_seconds"] })
  const delayMs = waiting?.delay_seconds != null ? waiting.delay_seconds * 1000 : options.delay
  await startReviewRequestClockWorkflow(container).run({
    input: { order_id: orderId, trigger, delay_ms: delayMs },
  })
}

export default withLoggableErrors(fulfilmentReviewRequestClock)

export const config: SubscriberConfig = {
  event: Object.keys(TRIGGER_BY_EVENT),
  context: { subscriberId: "engagement-fulfilment-review-request-clock" },
}
