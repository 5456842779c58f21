import { AbstractEngagementProvider, parsePlatformOptions } from "../../modules/engagement/provider-api/provider"
import type { EngagementCapabilities } from "../../modules/engagement/provider-api/capabilities"
import { crmComErasure } from "./erasure"
import { CrmComOptions } from "./options"
import { CRMCOM, crmComPlatform } from "./platform"

/** CRM.COM as an engagement provider: a registered contact per customer (its contact sync). */
export class CrmComProvider extends AbstractEngagementProvider<CrmComOptions> {
  static identifier = CRMCOM

  static validateOptions(options: Record<string, unknown>): void {
    parsePlatformOptions(crmComPlatform, options)
  }

  constructor(cradle: Record<string, unknown>, options: unknown) {
    super(cradle, options, crmComPlatform)
  }

  capabilities(): EngagementCapabilities {
    return { ...super.capabilities(), erasure: crmComErasure(this.id, this.options) }
  }
}
