import { emitEventStep, sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ConsentEvents } from "../../../modules/engagement/events"
import { buildConsentConfirmationsStep } from "../steps/build-consent-confirmations"
import { ConsentRecordInput, createConsentRecordsStep } from "../steps/create-consent-records"
import { validateConsentPurposesStep } from "../steps/validate-consent-purposes"

export const recordConsentsWorkflowId = "record-consents"

/**
 * Records consent changes in the ledger (one new row each, with source and proof), sends the
 * double opt-in email for purposes awaiting confirmation, and announces the change.
 */
export const recordConsentsWorkflow = createWorkflow(recordConsentsWorkflowId, (input: { consents: ConsentRecordInput[] }) => {
  const valid = validateConsentPurposesStep(input.consents)
  const records = createConsentRecordsStep(valid)
  const confirmations = buildConsentConfirmationsStep(valid)
  when({ confirmations }, ({ confirmations }) => confirmations.length > 0).then(() => {
    // an email cannot be unsent; each carries its own idempotency key
    sendNotificationsStep(confirmations)
  })
  const events = transform({ valid }, ({ valid }) =>
    [...new Set(valid.map((entry) => entry.customer_id))].map((customerId) => ({
      customer_id: customerId,
      purposes: valid.filter((entry) => entry.customer_id === customerId).map((entry) => entry.purpose),
    }))
  )
  emitEventStep({ eventName: ConsentEvents.CHANGED, data: events })
  return new WorkflowResponse(records)
})
