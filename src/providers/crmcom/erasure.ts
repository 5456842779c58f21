import type { ErasureCapability, ErasureContact } from "../../provider-api/capabilities"
import type { PlatformCall } from "../../provider-api/types"
import { CrmComOperations } from "./operations"
import type { CrmComOptions } from "./options"
import { boxOf, openCredentials, SEALED } from "./secrets"

function liveToken(contact: ErasureContact, options: CrmComOptions): string | null {
  let token: string | null | undefined
  let expiresAt: string | null | undefined
  try {
    const credentials = openCredentials(contact.credentials, boxOf(options))
    token = credentials?.access_token
    expiresAt = credentials?.expires_at
  } catch {
    return null
  }
  if (!token) {
    return null
  }
  const expiry = expiresAt ? Date.parse(expiresAt) : NaN
  return Number.isNaN(expiry) || expiry > Date.now() + 60_000 ? token : null
}

/**
 * An erased shopper on CRM.COM: `PUT /contacts/{id}` with `email_opt_out` and `sms_opt_out` true,
 * and `PUT /contacts/{id}/consents` with the `consent_state` configured for False, each with the
 * contact's own access token (sealed in the payload), once per erasure. Without a live token the
 * plugin cannot act as the contact: the withdrawal is listed to be done by hand.
 */
export function crmComErasure(platformId: string, options: CrmComOptions): ErasureCapability {
  return {
    buildStopCalls: (contact) => {
      const token = contact.external_id ? liveToken(contact, options) : null
      if (!token) {
        return []
      }
      const auth = { contact_id: contact.external_id, [SEALED.access_token]: boxOf(options).seal(token) }
      const call = (operation: string, payload: Record<string, unknown>, key: string): PlatformCall => ({
        platform: platformId,
        operation,
        payload: { ...auth, ...payload },
        idempotency_key: `erasure:${contact.erasure_id}:${platformId}:${key}`,
        customer_id: contact.customer_id,
        subject_id: contact.erasure_id,
      })
      const rejected = options.consent_states.False
      return [
        call(CrmComOperations.UpdateContact, { contact: { email_opt_out: true, sms_opt_out: true } }, "opt-out"),
        ...(rejected ? [call(CrmComOperations.UpdateConsents, { consent_state: rejected }, "consents")] : []),
      ]
    },
    stillHeld: (contact) => [
      "the contact with its identity, account, wallet, rewards and purchases: delete it in CRM.COM (the Self-Service API offers no deletion)",
      ...(contact.external_id && liveToken(contact, options)
        ? []
        : [
            "the plugin holds no live access token of the contact, so no opt-out was sent: opt the contact out in CRM.COM by hand",
          ]),
    ],
  }
}
