import type { ErasureCapability } from "../../provider-api/capabilities"
import { RejoinerOperations } from "./operations"

/**
 * An erased shopper on Rejoiner: `POST /customer/unsubscribe/` (no more marketing email) and
 * `POST /customer/cancel/` (every journey stopped), each once per erasure. Rejoiner's API offers no
 * deletion of a customer profile: it stays there until deleted in Rejoiner's dashboard.
 */
export function rejoinerErasure(platformId: string): ErasureCapability {
  return {
    buildStopCalls: (contact) =>
      contact.email
        ? [RejoinerOperations.Unsubscribe, RejoinerOperations.Cancel].map((operation) => ({
            platform: platformId,
            operation,
            payload: { email: contact.email },
            idempotency_key: `erasure:${contact.erasure_id}:${platformId}:${operation}`,
            customer_id: contact.customer_id,
            subject_id: contact.erasure_id,
          }))
        : [],
    stillHeld: (contact) => [
      "the customer profile (email, name, phone, custom fields) and its cart and conversion history: delete them in the Rejoiner dashboard",
      ...(contact.email
        ? []
        : ["no email was held, so no unsubscribe or journey stop could be sent: unsubscribe the customer by hand"]),
    ],
  }
}
