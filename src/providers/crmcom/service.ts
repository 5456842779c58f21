import type { Logger } from "@medusajs/framework/types"
import type { EngagementCapabilities } from "../../provider-api/capabilities"
import { AbstractEngagementProvider, parsePlatformOptions } from "../../provider-api/provider"
import { CrmComLoyaltyReader } from "./loyalty-reader"
import { CrmComLoyaltyWrites } from "./loyalty-writer"
import { crmComErasure } from "./erasure"
import { CrmComOptions } from "./options"
import { CRMCOM, crmComPlatform } from "./platform"

/** CRM.COM as an engagement provider: a registered contact per customer (its contact sync), and the loyalty source. */
export class CrmComProvider extends AbstractEngagementProvider<CrmComOptions> {
  static identifier = CRMCOM

  static validateOptions(options: Record<string, unknown>): void {
    parsePlatformOptions(crmComPlatform, options)
  }

  protected readonly logger_: Logger

  constructor(cradle: Record<string, unknown>, options: unknown) {
    super(cradle, options, crmComPlatform)
    this.logger_ = cradle.logger as Logger
  }

  capabilities(): EngagementCapabilities {
    return {
      contact_copies: true,
      loyalty_source: {
        reader: (source, pointsPerUnit, cacheMs) =>
          new CrmComLoyaltyReader(this.options, source, this.logger_, pointsPerUnit, cacheMs),
        writes: (source, pointsPerUnit) =>
          new CrmComLoyaltyWrites(
            this.options,
            source,
            new CrmComLoyaltyReader(this.options, source, this.logger_, pointsPerUnit, 0),
            pointsPerUnit
          ),
      },
      erasure: crmComErasure(this.id, this.options),
    }
  }
}
