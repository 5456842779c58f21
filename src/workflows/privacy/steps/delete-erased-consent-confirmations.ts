import { deleteErasedRowsStep } from "../utils/erased-rows"

export const deleteErasedConsentConfirmationsStepId = "delete-erased-consent-confirmations"

/** Deletes the shopper's pending consent confirmations; compensation creates them again. */
export const deleteErasedConsentConfirmationsStep = deleteErasedRowsStep(
  deleteErasedConsentConfirmationsStepId,
  (engagement) => ({
    list: (filters) => engagement.listConsentConfirmations(filters, { withDeleted: true }),
    delete: (ids) => engagement.deleteConsentConfirmations(ids),
    create: (rows) =>
      engagement.createConsentConfirmations(rows as Parameters<typeof engagement.createConsentConfirmations>[0]),
  }),
  ({ customer_id }) => ({ customer_id })
)
