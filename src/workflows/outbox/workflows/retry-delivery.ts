import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { EngagementEvents } from "../../../modules/engagement/events"
import { requeueDeliveryStep } from "../steps/requeue-delivery"

export const retryDeliveryWorkflowId = "retry-delivery"

/** Replays a failed or dead delivery from the admin: due now, attempted promptly. */
export const retryDeliveryWorkflow = createWorkflow(retryDeliveryWorkflowId, (input: { id: string }) => {
  const delivery = requeueDeliveryStep(input)
  const eventData = transform({ delivery }, ({ delivery }) => ({ ids: [delivery.id] }))
  emitEventStep({ eventName: EngagementEvents.DELIVERY_ENQUEUED, data: eventData })
  return new WorkflowResponse(delivery)
})
