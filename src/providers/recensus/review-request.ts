import type { ReviewRequestToSchedule } from "../../provider-api/capabilities"
import type { PlatformCall } from "../../provider-api/types"
import { RecensusOperations } from "./platform"

/** ISO 8601 with a numeric offset, as the Customer Contact API's "2012-12-12T16:00:00+0000" (UTC here). */
export function recensusDate(value: string | Date): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, "+00:00")
}

export const NO_RECENSUS_PURCHASES = "no purchase has an identifier Recensus accepts (GTIN, or MPN + brand)"

/** The Customer Contact Request of a due review request: its `data` section, signed at send time. */
export function recensusReviewDelivery(platformId: string, request: ReviewRequestToSchedule): PlatformCall {
  return {
    platform: platformId,
    operation: RecensusOperations.CustomerContactRequest,
    idempotency_key: `review-request:${request.review_request_id}:${platformId}`,
    customer_id: request.customer_id,
    order_id: request.order_id,
    subject_id: request.review_request_id,
    payload: {
      data: {
        customerFirstName: request.first_name,
        customerLastName: request.last_name,
        customerEmail: request.email,
        purchaseDate: recensusDate(request.ordered_at),
        purchases: request.purchases,
      },
    },
  }
}
