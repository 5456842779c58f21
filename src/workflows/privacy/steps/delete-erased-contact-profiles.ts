import { deleteErasedRowsStep } from "../utils/erased-rows"

export const deleteErasedContactProfilesStepId = "delete-erased-contact-profiles"

/** Deletes the shopper's contact profile; compensation creates it again. */
export const deleteErasedContactProfilesStep = deleteErasedRowsStep(
  deleteErasedContactProfilesStepId,
  (engagement) => ({
    list: (filters) => engagement.listContactProfiles(filters, { withDeleted: true }),
    delete: (ids) => engagement.deleteContactProfiles(ids),
    create: (rows) => engagement.createContactProfiles(rows as Parameters<typeof engagement.createContactProfiles>[0]),
  }),
  ({ customer_id }) => ({ customer_id })
)
