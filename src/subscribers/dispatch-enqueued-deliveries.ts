import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { EngagementEvents } from "../modules/engagement/events"
import { dispatchDeliveriesWorkflow } from "../workflows/outbox/workflows/dispatch-deliveries"
import { withLoggableErrors } from "../utils/database-errors"

/** The prompt first attempt of rows just written to the outbox; the sweep job catches the rest. */
async function dispatchEnqueuedDeliveries({ event, container }: SubscriberArgs<{ ids: string[] }>) {
  if (!event.data?.ids?.length) {
    return
  }
  await dispatchDeliveriesWorkflow(container).run({ input: { ids: event.data.ids } })
}

export default withLoggableErrors(dispatchEnqueuedDeliveries)

export const config: SubscriberConfig = {
  event: EngagementEvents.DELIVERY_ENQUEUED,
  context: { subscriberId: "engagement-dispatch-enqueued-deliveries" },
}
