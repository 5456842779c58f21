import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordOrderFactsStep } from "../steps/record-order-facts"
import { nameContactsFromOrdersStep } from "../steps/name-contacts-from-orders"
import { refreshContactStatisticsStep } from "../steps/refresh-contact-statistics"
import { markContactsForSyncStep } from "../steps/mark-contacts-for-sync"
import type { SharedOrderReadInput } from "../../../utils/shared-order-read"

export const refreshOrderStatisticsWorkflowId = "refresh-order-statistics"

/**
 * Updates orders' statistics facts and their customers' statistics: run for one order when it is
 * placed, canceled or has a return received (incremental: the customer's own facts only), and for
 * pages of orders by the rebuild command. The platforms that keep contacts are then told the new
 * statistics (after the coalescing window). A guest's profile takes its name from the order's
 * address when the customer has none.
 */
export const refreshOrderStatisticsWorkflow = createWorkflow(
  refreshOrderStatisticsWorkflowId,
  (input: { order_ids: string[] } & SharedOrderReadInput) => {
    const facts = recordOrderFactsStep(input)
    const customers = transform({ facts }, ({ facts }) => ({ customer_ids: facts.map((fact) => fact.customer_id) }))
    const profiles = refreshContactStatisticsStep(customers)
    nameContactsFromOrdersStep(input)
    markContactsForSyncStep(customers)
    return new WorkflowResponse(profiles)
  }
)
