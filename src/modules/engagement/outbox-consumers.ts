import type { AbstractEngagementProvider } from "../../provider-api/provider"
import { settleContactSyncs } from "./contact-sync/settle"
import { OutcomeHandlers } from "./outbox/outcome-handlers"
import { redactDeliveredStopCalls } from "./privacy/redact"
import type { ReviewRequestStore } from "./review-requests/review-request-store"

/**
 * Who hears about a delivery's end, by the capability that made it: a review platform's request
 * operations decide their review request; a contact's sync calls settle the contact syncs they
 * carried; an erasure's delivered stop call is redacted. Any other row (a conversion, a journey
 * stop) has nothing waiting on it.
 */
export function outboxConsumers(
  providers: Iterable<AbstractEngagementProvider>,
  maxAttempts: number,
  reviewRequests: Pick<ReviewRequestStore, "applyDeliveryOutcomes">
): OutcomeHandlers {
  const handlers = new OutcomeHandlers()
  for (const provider of providers) {
    const platform = provider.id
    const { review_requests, contact_copies, erasure } = provider.capabilities()
    for (const operation of review_requests?.operations ?? []) {
      // one read and one update for every review request of the outcomes written together
      handlers.onAll({ platform, origin: "review_request", operation }, (manager, ended) =>
        reviewRequests.applyDeliveryOutcomes(manager, ended)
      )
    }
    if (contact_copies) {
      // one read and one update for every contact of the outcomes written together
      handlers.onAll({ platform, origin: "contact_sync" }, (manager, ended, outcomes) =>
        settleContactSyncs(manager, provider, ended, outcomes, maxAttempts)
      )
    }
    if (erasure) {
      // an erasure's stop call keeps the shopper's email only until it is delivered
      handlers.onAll({ platform, origin: "erasure" }, (manager, ended) => redactDeliveredStopCalls(manager, ended))
    }
  }
  return handlers
}
