import { deleteErasedRowsStep } from "../utils/erased-rows"

export const deleteErasedLinkUsesStepId = "delete-erased-link-uses"

/** Deletes the record of the shopper's used links; compensation creates it again. */
export const deleteErasedLinkUsesStep = deleteErasedRowsStep(
  deleteErasedLinkUsesStepId,
  (engagement) => ({
    list: (filters) => engagement.listLinkUses(filters, { withDeleted: true }),
    delete: (ids) => engagement.deleteLinkUses(ids),
    create: (rows) => engagement.createLinkUses(rows as Parameters<typeof engagement.createLinkUses>[0]),
  }),
  ({ customer_id }) => ({ customer_id })
)
