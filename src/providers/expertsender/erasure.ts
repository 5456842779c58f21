import type { ErasureCapability, ErasureContact } from "../../provider-api/capabilities"
import { ExpertSenderOperations } from "./operations"
import type { ExpertSenderOptions } from "./options"

const MATCH_VALUE: Record<string, (contact: ErasureContact) => string | null> = {
  Email: (contact) => contact.email,
  PhoneNumber: (contact) => contact.phone,
  CrmId: (contact) => contact.crm_id,
}
const MATCH_FIELD: Record<string, string> = { Email: "email", PhoneNumber: "phone", CrmId: "crmId" }

/**
 * An erased shopper on ExpertSender ECDP: `POST /customers` with `mode: Update` (never creates a
 * customer) setting every configured consent to `False`, once per erasure. The customer record
 * itself stays in ExpertSender until deleted there.
 */
export function expertSenderErasure(platformId: string, options: ExpertSenderOptions): ErasureCapability {
  const consentIds = [...new Set(Object.values(options.consent_ids))]
  const matchOf = (contact: ErasureContact) => MATCH_VALUE[options.match_by]?.(contact) ?? null
  return {
    buildStopCalls: (contact) => {
      const match = matchOf(contact)
      if (!match || !consentIds.length) {
        return []
      }
      const customer = {
        [MATCH_FIELD[options.match_by]]: match,
        consentsData: { consents: consentIds.map((id) => ({ id, value: "False" })) },
      }
      return [
        {
          platform: platformId,
          operation: ExpertSenderOperations.UpsertCustomers,
          payload: { mode: "Update", matchBy: options.match_by, data: [customer] },
          idempotency_key: `erasure:${contact.erasure_id}:${platformId}:consents`,
          customer_id: contact.customer_id,
          subject_id: contact.erasure_id,
        },
      ]
    },
    stillHeld: (contact) => [
      "the customer record (email, phone, name, custom attributes, consent history and activity): delete it in ExpertSender",
      ...(!consentIds.length
        ? ["no consent is mapped (consent_ids), so none was set to False: withdraw them by hand"]
        : []),
      ...(consentIds.length && !matchOf(contact)
        ? [`the customer has no ${options.match_by} to be matched by: withdraw the consents by hand`]
        : []),
    ],
  }
}
