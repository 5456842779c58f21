import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { EngagementEvents } from "../../../modules/engagement/events"
import { requeueDeliveriesStep, type RequeueDeliveriesInput } from "../steps/requeue-deliveries"

export const retryDeliveriesWorkflowId = "retry-deliveries"

/** Bulk retry from the admin: failed or dead deliveries, by id or by filter, due now (bounded). */
export const retryDeliveriesWorkflow = createWorkflow(retryDeliveriesWorkflowId, (input: RequeueDeliveriesInput) => {
  const result = requeueDeliveriesStep(input)
  const eventData = transform({ result }, ({ result }) => ({ ids: result.retried.map((row) => row.id) }))
  when({ eventData }, ({ eventData }) => eventData.ids.length > 0).then(() => {
    emitEventStep({ eventName: EngagementEvents.DELIVERY_ENQUEUED, data: eventData })
  })
  return new WorkflowResponse(result)
})
