import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordOrderFactsStep } from "../steps/record-order-facts"
import { refreshContactStatisticsStep } from "../steps/refresh-contact-statistics"

export const refreshOrderStatisticsWorkflowId = "refresh-order-statistics"

/**
 * Updates orders' statistics facts and their customers' statistics: run for one order when it is
 * placed, canceled or has a return received (incremental: the customer's own facts only), and for
 * pages of orders by the rebuild command.
 */
export const refreshOrderStatisticsWorkflow = createWorkflow(
  refreshOrderStatisticsWorkflowId,
  (input: { order_ids: string[] }) => {
    const facts = recordOrderFactsStep(input)
    const customers = transform({ facts }, ({ facts }) => ({ customer_ids: facts.map((fact) => fact.customer_id) }))
    return new WorkflowResponse(refreshContactStatisticsStep(customers))
  }
)
