import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { refreshContactIdentitiesStep } from "../steps/refresh-contact-identities"
import { acquireContactLocksStep } from "../steps/acquire-contact-locks"
import { releaseContactLocksStep } from "../steps/release-contact-locks"
import { contactLockKeys } from "../utils/contact-lock-keys"

export const createContactProfilesWorkflowId = "create-contact-profiles"

/**
 * Makes the contact profile of customers that have none (customers from before the plugin was
 * installed; new ones get theirs on `customer.created`), from what the Medusa customer says. A
 * customer that has one keeps it, brought up to date with the customer. Tells no platform: the
 * platform backfill does that. Compensation removes the profiles made and restores updated ones.
 */
export const createContactProfilesWorkflow = createWorkflow(
  createContactProfilesWorkflowId,
  (input: { customer_ids: string[] }) => {
    // the customers' locks, which every profile writer holds: a shopper's first profile write never races this one
    const locks = acquireContactLocksStep(
      transform({ input }, ({ input }) => ({ keys: contactLockKeys({ customer_ids: input.customer_ids }) }))
    )
    const changed = refreshContactIdentitiesStep({ customer_ids: input.customer_ids })
    releaseContactLocksStep(locks)
    return new WorkflowResponse(changed)
  }
)
