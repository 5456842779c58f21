import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markContactsForSyncStep, MarkContactsForSyncInput } from "../../contacts/steps/mark-contacts-for-sync"

export const markContactsForSyncWorkflowId = "mark-contacts-for-sync"

/** Consents or statistics changed: the platforms that keep contacts are told once the window has passed. */
export const markContactsForSyncWorkflow = createWorkflow(
  markContactsForSyncWorkflowId,
  (input: MarkContactsForSyncInput) => {
    return new WorkflowResponse(markContactsForSyncStep(input))
  }
)
