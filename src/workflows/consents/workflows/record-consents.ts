import { emitEventStep, sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ConsentEvents } from "../../../modules/engagement/events"
import { buildConsentConfirmationsStep } from "../steps/build-consent-confirmations"
import { ConsentRecordInput, createConsentRecordsStep } from "../steps/create-consent-records"
import { validateConsentPurposesStep } from "../steps/validate-consent-purposes"

export const recordConsentsWorkflowId = "record-consents"

/**
 * Records consent changes in the ledger (a new row for each real change, with source and proof),
 * sends the double opt-in emails that are due, and announces the purposes that changed.
 */
export const recordConsentsWorkflow = createWorkflow(
  recordConsentsWorkflowId,
  (input: { consents: ConsentRecordInput[] }) => {
    const valid = validateConsentPurposesStep(input.consents)
    const recorded = createConsentRecordsStep(valid)
    const confirmations = buildConsentConfirmationsStep(recorded.confirmations)
    when({ confirmations }, ({ confirmations }) => confirmations.length > 0).then(() => {
      // an email cannot be unsent; each carries the key of its request and round
      sendNotificationsStep(confirmations)
    })
    const events = transform({ recorded }, ({ recorded }) =>
      [...new Set(recorded.created.map((row) => row.customer_id))].map((customerId) => ({
        customer_id: customerId,
        purposes: recorded.created.filter((row) => row.customer_id === customerId).map((row) => row.purpose),
      }))
    )
    when({ events }, ({ events }) => events.length > 0).then(() => {
      emitEventStep({ eventName: ConsentEvents.CHANGED, data: events })
    })
    return new WorkflowResponse(recorded)
  }
)
