import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { EngagementEvents } from "../../../modules/engagement/events"
import { enqueueDeliveriesStep } from "../../outbox/steps/enqueue-deliveries"
import { buildJourneyCancellationsStep, JourneyCancellation } from "../steps/build-journey-cancellations"

export const cancelJourneysWorkflowId = "cancel-journeys"

/**
 * Stops shoppers' marketing journeys on the platforms that run them (Rejoiner), through the
 * outbox: from the admin, when a customer is deleted, and when an order is canceled.
 */
export const cancelJourneysWorkflow = createWorkflow(cancelJourneysWorkflowId, (input: { cancellations: JourneyCancellation[] }) => {
  const deliveries = buildJourneyCancellationsStep(input.cancellations)
  when({ deliveries }, ({ deliveries }) => deliveries.length > 0).then(() => {
    const results = enqueueDeliveriesStep(deliveries)
    const eventData = transform({ results }, ({ results }) => ({
      ids: results.filter((result) => result.created).map((result) => result.delivery.id),
    }))
    emitEventStep({ eventName: EngagementEvents.DELIVERY_ENQUEUED, data: eventData })
  })
  return new WorkflowResponse(deliveries)
})
