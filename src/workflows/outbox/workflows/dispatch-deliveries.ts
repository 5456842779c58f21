import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { dispatchDeliveriesStep } from "../steps/dispatch-deliveries"

export const dispatchDeliveriesWorkflowId = "dispatch-deliveries"

/** Attempts due outbox rows: run by the sweep job and right after rows are enqueued. */
export const dispatchDeliveriesWorkflow = createWorkflow(
  dispatchDeliveriesWorkflowId,
  (input: { ids?: string[]; platforms?: string[]; max_ms?: number }) => {
    return new WorkflowResponse(dispatchDeliveriesStep(input))
  }
)
