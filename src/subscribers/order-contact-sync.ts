import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../modules/engagement/types"
import { REJOINER } from "../providers/rejoiner"
import { cancelJourneysWorkflow } from "../workflows/contact-sync/workflows/cancel-journeys"
import { markContactsForSyncWorkflow } from "../workflows/contact-sync/workflows/mark-contacts-for-sync"

/**
 * Orders change a customer's purchase statistics: the platforms get them once the coalescing
 * window has passed (by then the statistics subscriber has recomputed them). A canceled order also
 * stops the shopper's Rejoiner journeys, when configured.
 */
export default async function orderContactSync({ event, container }: SubscriberArgs<{ id?: string; order_id?: string }>) {
  const orderId = event.data.order_id ?? event.data.id
  if (!orderId) {
    return
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "email", "customer_id"], filters: { id: orderId } })
  if (!order) {
    return
  }
  if (order.customer_id) {
    await markContactsForSyncWorkflow(container).run({ input: { customer_ids: [order.customer_id] } })
  }
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const rejoiner = engagement.platformOptions<{ cancel_journeys_on_order_cancel?: boolean }>(REJOINER)
  if (event.name === "order.canceled" && order.email && rejoiner?.cancel_journeys_on_order_cancel) {
    await cancelJourneysWorkflow(container).run({
      input: { cancellations: [{ email: order.email, customer_id: order.customer_id, order_id: order.id, cause: `order-canceled:${order.id}` }] },
    })
  }
}

export const config: SubscriberConfig = {
  event: ["order.placed", "order.canceled", "order.return_received"],
  context: { subscriberId: "engagement-order-contact-sync" },
}
