import { anyOf, deleteErasedRowsStep, inIds } from "../utils/erased-rows"

export const deleteErasedReviewContactsStepId = "delete-erased-review-contacts"

/** Deletes the review contacts of the shopper (by request, customer or email key); compensation creates them again. */
export const deleteErasedReviewContactsStep = deleteErasedRowsStep(
  deleteErasedReviewContactsStepId,
  (engagement) => ({
    list: (filters) => engagement.listReviewContacts(filters, { withDeleted: true }),
    delete: (ids) => engagement.deleteReviewContacts(ids),
    create: (rows) => engagement.createReviewContacts(rows as Parameters<typeof engagement.createReviewContacts>[0]),
  }),
  ({ customer_id, email, review_request_ids }) =>
    anyOf([
      inIds("review_request_id", review_request_ids),
      { customer_key: customer_id },
      email ? { customer_key: email } : null,
    ])
)
