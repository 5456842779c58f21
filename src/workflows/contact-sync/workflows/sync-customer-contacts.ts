import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markContactsForSyncStep, MarkContactsForSyncInput } from "../../contacts/steps/mark-contacts-for-sync"
import { refreshContactIdentitiesStep } from "../../contacts/steps/refresh-contact-identities"
import { acquireContactLocksStep } from "../../contacts/steps/acquire-contact-locks"
import { releaseContactLocksStep } from "../../contacts/steps/release-contact-locks"
import { contactLockKeys } from "../../contacts/utils/contact-lock-keys"

export const syncCustomerContactsWorkflowId = "sync-customer-contacts"

/**
 * A customer (or their address) changed: their contact profile takes the new values, and every
 * platform that keeps contacts is told, once the coalescing window has passed.
 */
export const syncCustomerContactsWorkflow = createWorkflow(
  syncCustomerContactsWorkflowId,
  (input: MarkContactsForSyncInput) => {
    // the customers' locks, which the contact upserts hold: a copy never lands between their two writes
    const locks = acquireContactLocksStep(
      transform({ input }, ({ input }) => ({ keys: contactLockKeys({ customer_ids: input.customer_ids }) }))
    )
    refreshContactIdentitiesStep({ customer_ids: input.customer_ids })
    const marked = markContactsForSyncStep(
      transform({ input }, ({ input }) => ({
        customer_ids: input.customer_ids,
        coalesce_ms: input.coalesce_ms,
        platforms: input.platforms,
      }))
    )
    releaseContactLocksStep(locks)
    return new WorkflowResponse(marked)
  }
)
