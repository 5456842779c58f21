import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { cancelDeliveriesStep } from "../steps/cancel-deliveries"
import type { BulkDeliverySelection } from "../utils/bulk-selection"

export const cancelDeliveriesWorkflowId = "cancel-deliveries"

/** Bulk cancel from the admin: failed or dead deliveries, by id or by filter, given up on (bounded). */
export const cancelDeliveriesWorkflow = createWorkflow(cancelDeliveriesWorkflowId, (input: BulkDeliverySelection) => {
  return new WorkflowResponse(cancelDeliveriesStep(input))
})
