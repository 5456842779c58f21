import { CALL_KEY_PREFIX } from "../contact-sync/driver"
import type { DeliveryRecord } from "../types"
import type { RecordedOutcome } from "./queries"

/**
 * Whether recording this attempt's outcome changes more than the row itself: a review request
 * waits on it, contacts wait on it (a contact's sync), or a 429 pauses the platform's other rows.
 * Only those need the outcome and its consequences in one transaction; any other outcome is one
 * statement (a conversion delivered: BEGIN, UPDATE, COMMIT was three round trips).
 */
export function outcomeHasSideEffects(
  delivery: Pick<DeliveryRecord, "subject_id" | "idempotency_key">,
  recorded: Pick<RecordedOutcome, "refund_attempt">
): boolean {
  return (
    !!recorded.refund_attempt ||
    !!delivery.subject_id?.startsWith("engrr_") ||
    delivery.idempotency_key.startsWith(CALL_KEY_PREFIX)
  )
}
