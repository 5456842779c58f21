import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markContactsForSyncStep } from "../../contacts/steps/mark-contacts-for-sync"
import { copyLoyaltyToProfilesStep } from "../steps/copy-loyalty-to-profiles"

export const syncLoyaltyToContactsWorkflowId = "sync-loyalty-to-contacts"

/** The loyalty figures of these customers go onto their profiles and, changes only, to the platforms. */
export const syncLoyaltyToContactsWorkflow = createWorkflow(
  syncLoyaltyToContactsWorkflowId,
  (input: { customer_ids: string[] }) => {
    const changed = copyLoyaltyToProfilesStep(input)
    markContactsForSyncStep(changed)
    return new WorkflowResponse(changed)
  }
)
