import type { AbstractEngagementProvider } from "../../provider-api/provider"
import { isContactSyncCall, settleContactSyncs } from "./contact-sync/driver"
import { OutcomeHandlers } from "./outbox/outcome-handlers"
import { isErasureStopCall, redactDeliveredStopCall } from "./privacy/redact"
import type { ReviewRequestStore } from "./review-requests/review-request-store"

/**
 * Who hears about a delivery's end, by the capability that made it: a review platform's request
 * operations decide their review request; every call of a platform that keeps contacts settles the
 * contact syncs it carried; an erasure's delivered stop call is redacted.
 */
export function outboxConsumers(
  providers: Iterable<AbstractEngagementProvider>,
  maxAttempts: number,
  reviewRequests: Pick<ReviewRequestStore, "applyDeliveryOutcome">
): OutcomeHandlers {
  const handlers = new OutcomeHandlers()
  for (const provider of providers) {
    const { review_requests, contact_copies, erasure } = provider.capabilities()
    for (const operation of review_requests?.operations ?? []) {
      handlers.on(provider.id, operation, (manager, ended) => reviewRequests.applyDeliveryOutcome(manager, ended))
    }
    if (contact_copies) {
      handlers.on(
        provider.id,
        "*",
        (manager, ended, outcome) => settleContactSyncs(manager, provider, ended, outcome, maxAttempts),
        // a conversion or a review request to the same platform carries no contact
        isContactSyncCall
      )
    }
    if (erasure) {
      // an erasure's stop call keeps the shopper's email only until it is delivered
      // (only those: any other call's outcome is one grouped statement, see OutcomeWriter)
      handlers.on(provider.id, "*", (manager, ended) => redactDeliveredStopCall(manager, ended), isErasureStopCall)
    }
  }
  return handlers
}
