import { AbstractEngagementProvider, parsePlatformOptions } from "../../modules/engagement/provider-api/provider"
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
}
