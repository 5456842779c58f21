import { AbstractEngagementProvider, parsePlatformOptions } from "../../provider-api/provider"
import type { ContactLookupKey, EngagementCapabilities } from "../../provider-api/capabilities"
import { expertSenderErasure } from "./erasure"
import { ExpertSenderOptions } from "./options"
import { EXPERTSENDER, ExpertSenderOperations, expertSenderPlatform } from "./platform"

// the ExpertSender ECDP customer lookups (`GET /customers/email/{email}`, …) by the plugin's identifier
const LOOKUPS: Record<ContactLookupKey, string> = {
  email: ExpertSenderOperations.GetCustomerByEmail,
  phone: ExpertSenderOperations.GetCustomerByPhone,
  crm_id: ExpertSenderOperations.GetCustomerByCrmId,
  id: ExpertSenderOperations.GetCustomerById,
}

/** ExpertSender ECDP as an engagement provider: a customer per contact, which an admin can look up. */
export class ExpertSenderProvider extends AbstractEngagementProvider<ExpertSenderOptions> {
  static identifier = EXPERTSENDER

  static validateOptions(options: Record<string, unknown>): void {
    parsePlatformOptions(expertSenderPlatform, options)
  }

  constructor(cradle: Record<string, unknown>, options: unknown) {
    super(cradle, options, expertSenderPlatform)
  }

  capabilities(): EngagementCapabilities {
    return {
      contact_copies: true,
      contact_lookup: { operation: (by) => LOOKUPS[by] },
      erasure: expertSenderErasure(this.id, this.options),
    }
  }
}
