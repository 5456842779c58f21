import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { EngagementEvents } from "../../../modules/engagement/events"
import type { EnqueueDeliveryInput } from "../../../provider-api/types"
import { enqueueDeliveriesStep } from "../steps/enqueue-deliveries"

export const enqueueDeliveriesWorkflowId = "enqueue-deliveries"

/**
 * Puts calls in the outbox and asks for a prompt first attempt. Everything that talks to a
 * platform goes through here: the row exists before anything is sent.
 */
export const enqueueDeliveriesWorkflow = createWorkflow(
  enqueueDeliveriesWorkflowId,
  (input: { deliveries: EnqueueDeliveryInput[] }) => {
    const results = enqueueDeliveriesStep(input.deliveries)
    const eventData = transform({ results }, ({ results }) => ({
      ids: results.filter((result) => result.created).map((result) => result.delivery.id),
    }))
    emitEventStep({ eventName: EngagementEvents.DELIVERY_ENQUEUED, data: eventData })
    return new WorkflowResponse(results)
  }
)
