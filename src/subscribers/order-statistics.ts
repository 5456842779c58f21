import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { refreshOrderStatisticsWorkflow } from "../workflows/contacts/workflows/refresh-order-statistics"
import { withLoggableErrors } from "../utils/database-errors"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"

/** Purchase statistics follow each order: canceled, and returns received (placed: order-placed.ts). */
async function orderStatistics({ event, container }: SubscriberArgs<{ id?: string; order_id?: string }>) {
  // order.return_received names the order as order_id; order.canceled as id
  const orderId = event.data.order_id ?? event.data.id
  if (!orderId) {
    return
  }
  await refreshOrderStatisticsWorkflow(container).run({ input: { order_ids: [orderId] } })
}

export default withLoggableErrors(orderStatistics)

export const config: SubscriberConfig = {
  event: [OrderWorkflowEvents.CANCELED, OrderWorkflowEvents.RETURN_RECEIVED],
  context: { subscriberId: "engagement-order-statistics" },
}
