import { AbstractEngagementProvider, parsePlatformOptions } from "../../provider-api/provider"
import type { EngagementCapabilities } from "../../provider-api/capabilities"
import { recensusErasure } from "./erasure"
import { RecensusOptions } from "./options"
import { RECENSUS, RecensusOperations, recensusPlatform } from "./platform"
import { mapRecensusPurchases } from "./purchases"
import { NO_RECENSUS_PURCHASES, recensusReviewDelivery } from "./review-request"

/** Recensus as an engagement provider: it schedules the review request of each order. */
export class RecensusProvider extends AbstractEngagementProvider<RecensusOptions> {
  static identifier = RECENSUS

  static validateOptions(options: Record<string, unknown>): void {
    parsePlatformOptions(recensusPlatform, options)
  }

  constructor(cradle: Record<string, unknown>, options: unknown) {
    super(cradle, options, recensusPlatform)
  }

  capabilities(): EngagementCapabilities {
    return {
      review_requests: {
        mapPurchases: (items, rules, language) =>
          mapRecensusPurchases(items, { ...rules, gtin_sources: [...rules.gtin_sources] }, language),
        operations: [RecensusOperations.CustomerContactRequest],
        no_purchases_reason: NO_RECENSUS_PURCHASES,
        build: (request) => recensusReviewDelivery(this.id, request),
      },
      erasure: recensusErasure,
    }
  }
}
