import { deleteErasedRowsStep, inIds } from "../utils/erased-rows"

export const deleteErasedCheckoutsStepId = "delete-erased-checkouts"

/** Deletes the shopper's checkouts (signed in, recorded for them, or of their orders); compensation creates them again. */
export const deleteErasedCheckoutsStep = deleteErasedRowsStep(
  deleteErasedCheckoutsStepId,
  (engagement) => ({
    list: (filters) => engagement.listCheckouts(filters, { withDeleted: true }),
    delete: (ids) => engagement.deleteCheckouts(ids),
    create: (rows) => engagement.createCheckouts(rows as Parameters<typeof engagement.createCheckouts>[0]),
  }),
  ({ checkout_ids }) => inIds("id", checkout_ids)
)
