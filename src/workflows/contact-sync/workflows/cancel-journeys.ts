import { createWorkflow, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueDeliveriesWorkflow } from "../../outbox/workflows/enqueue-deliveries"
import { buildJourneyCancellationsStep, JourneyCancellation } from "../steps/build-journey-cancellations"

export const cancelJourneysWorkflowId = "cancel-journeys"

/**
 * Stops shoppers' marketing journeys on the platforms that run them, through the
 * outbox: from the admin, when a customer is deleted, and when an order is canceled.
 */
export const cancelJourneysWorkflow = createWorkflow(
  cancelJourneysWorkflowId,
  (input: { cancellations: JourneyCancellation[] }) => {
    const deliveries = buildJourneyCancellationsStep(input.cancellations)
    when({ deliveries }, ({ deliveries }) => deliveries.length > 0).then(() => {
      enqueueDeliveriesWorkflow.runAsStep({ input: { deliveries } })
    })
    return new WorkflowResponse(deliveries)
  }
)
