import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordOrderFactStep } from "../steps/record-order-fact"
import { refreshContactStatisticsStep } from "../steps/refresh-contact-statistics"

export const refreshOrderStatisticsWorkflowId = "refresh-order-statistics"

/**
 * Runs when an order is placed, canceled or has a return received: updates that order's fact and
 * the customer's statistics incrementally (their own facts only, never a scan of all orders).
 */
export const refreshOrderStatisticsWorkflow = createWorkflow(refreshOrderStatisticsWorkflowId, (input: { order_id: string }) => {
  const fact = recordOrderFactStep(input)
  const customer = transform({ fact }, ({ fact }) => ({ customer_id: fact?.customer_id ?? null }))
  return new WorkflowResponse(refreshContactStatisticsStep(customer))
})
