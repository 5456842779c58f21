import { deleteErasedRowsStep, inIds } from "../utils/erased-rows"

export const deleteErasedReviewRequestsStepId = "delete-erased-review-requests"

/** Deletes the shopper's review requests (by customer or email); compensation creates them again. */
export const deleteErasedReviewRequestsStep = deleteErasedRowsStep(
  deleteErasedReviewRequestsStepId,
  (engagement) => ({
    list: (filters) => engagement.listReviewRequests(filters, { withDeleted: true }),
    delete: (ids) => engagement.deleteReviewRequests(ids),
    create: (rows) => engagement.createReviewRequests(rows as Parameters<typeof engagement.createReviewRequests>[0]),
  }),
  ({ review_request_ids }) => inIds("id", review_request_ids)
)
