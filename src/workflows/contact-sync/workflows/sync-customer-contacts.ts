import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markContactsForSyncStep, MarkContactsForSyncInput } from "../steps/mark-contacts-for-sync"
import { refreshContactIdentitiesStep } from "../steps/refresh-contact-identities"

export const syncCustomerContactsWorkflowId = "sync-customer-contacts"

/**
 * A customer (or their address) changed: their contact profile takes the new values, and every
 * platform that keeps contacts is told, once the coalescing window has passed.
 */
export const syncCustomerContactsWorkflow = createWorkflow(syncCustomerContactsWorkflowId, (input: MarkContactsForSyncInput) => {
  refreshContactIdentitiesStep({ customer_ids: input.customer_ids })
  const marked = markContactsForSyncStep(
    transform({ input }, ({ input }) => ({ customer_ids: input.customer_ids, coalesce_ms: input.coalesce_ms, platforms: input.platforms }))
  )
  return new WorkflowResponse(marked)
})
