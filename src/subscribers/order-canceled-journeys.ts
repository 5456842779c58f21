import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, OrderWorkflowEvents } from "@medusajs/framework/utils"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import { orderCanceledCancellation } from "../workflows/contact-sync/steps/build-journey-cancellations"
import { cancelJourneysWorkflow } from "../workflows/contact-sync/workflows/cancel-journeys"
import { withLoggableErrors } from "../utils/database-errors"

/**
 * A canceled order stops the shopper's journeys on the platforms set to (once per order). The
 * order's new statistics reach the platforms through the statistics workflow.
 */
async function orderCanceledJourneys({ event, container }: SubscriberArgs<{ id: string }>) {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  if (!engagement.providersWith("journeys").some(({ capability }) => capability.cancel_on_order_cancel)) {
    return
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "email", "customer_id"], filters: { id: event.data.id } })
  if (!order?.email) {
    return
  }
  await cancelJourneysWorkflow(container).run({
    input: {
      cancellations: [orderCanceledCancellation({ id: order.id, email: order.email, customer_id: order.customer_id })],
    },
  })
}

export default withLoggableErrors(orderCanceledJourneys)

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.CANCELED,
  context: { subscriberId: "engagement-order-canceled-journeys" },
}
