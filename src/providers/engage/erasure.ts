import type { ErasureCapability } from "../../provider-api/capabilities"
import { EngageOperations } from "./operations"

/**
 * An erased shopper on Voyado Engage: a PATCH of the contact (by the id Engage gave it) with
 * `acceptsEmail` and `acceptsSms` false, once per erasure. The contact, its purchases and points
 * stay in Engage until deleted there.
 */
export function engageErasure(platformId: string): ErasureCapability {
  return {
    buildStopCalls: (contact) =>
      contact.external_id
        ? [
            {
              platform: platformId,
              operation: EngageOperations.UpdateContact,
              payload: { contact_id: contact.external_id, changes: { acceptsEmail: false, acceptsSms: false } },
              idempotency_key: `erasure:${contact.erasure_id}:${platformId}:opt-out`,
              customer_id: contact.customer_id,
              subject_id: contact.erasure_id,
            },
          ]
        : [],
    stillHeld: (contact) => [
      `the contact${contact.external_id ? ` ${contact.external_id}` : ""} with its attributes, transactions and promotions: delete it in Engage`,
      ...(contact.external_id
        ? []
        : [
            "the plugin holds no Engage contact id, so no opt-out was sent: look the contact up in Engage and opt it out by hand",
          ]),
    ],
  }
}
