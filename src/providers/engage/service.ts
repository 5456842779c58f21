import type { Logger } from "@medusajs/framework/types"
import { AbstractEngagementProvider, parsePlatformOptions } from "../../provider-api/provider"
import type { EngagementCapabilities } from "../../provider-api/capabilities"
import { myPagesErrorAnswer, readEngagePromotions, readEngagePurchases } from "./my-pages-reader"
import { engageErasure } from "./erasure"
import { EngageOptions } from "./options"
import { ENGAGE, engagePlatform } from "./platform"

/** Voyado Engage as an engagement provider: a contact per customer and the shopper's "My pages". */
export class EngageProvider extends AbstractEngagementProvider<EngageOptions> {
  static identifier = ENGAGE

  static validateOptions(options: Record<string, unknown>): void {
    parsePlatformOptions(engagePlatform, options)
  }

  protected readonly logger_: Logger

  constructor(cradle: Record<string, unknown>, options: unknown) {
    super(cradle, options, engagePlatform)
    this.logger_ = cradle.logger as Logger
  }

  capabilities(): EngagementCapabilities {
    const reader = (source: Parameters<typeof readEngagePurchases>[0]["source"]) => ({
      platformId: this.id,
      options: this.options,
      source,
      logger: this.logger_,
    })
    return {
      contact_copies: true,
      shopper_pages: {
        readPromotions: (source, customerId, channel) => readEngagePromotions(reader(source), customerId, channel),
        readPurchases: (source, customerId, page) => readEngagePurchases(reader(source), customerId, page),
        errorAnswer: myPagesErrorAnswer,
      },
      erasure: engageErasure(this.id),
    }
  }
}
