import { deleteErasedRowsStep } from "../utils/erased-rows"

export const deleteErasedContactSyncsStepId = "delete-erased-contact-syncs"

/** Deletes the shopper's contact syncs with their sealed credentials; compensation creates them again. */
export const deleteErasedContactSyncsStep = deleteErasedRowsStep(
  deleteErasedContactSyncsStepId,
  (engagement) => ({
    list: (filters) => engagement.listContactSyncs(filters, { withDeleted: true }),
    delete: (ids) => engagement.deleteContactSyncs(ids),
    create: (rows) => engagement.createContactSyncs(rows as Parameters<typeof engagement.createContactSyncs>[0]),
  }),
  ({ customer_id }) => ({ customer_id })
)
