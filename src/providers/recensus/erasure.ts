import type { ErasureCapability } from "../../provider-api/capabilities"

/**
 * Recensus's Customer Contact API only schedules requests (`POST /merchant/{id}/customer-contact-request`):
 * it offers no call to cancel a scheduled request or to delete a customer, so an erasure sends it
 * nothing and lists what it holds.
 */
export const recensusErasure: ErasureCapability = {
  buildStopCalls: () => [],
  stillHeld: () => [
    "every customer contact request sent for the customer's orders (email, name, purchases), and any review email it has still to send: the Customer Contact API offers no cancellation or deletion, ask Recensus to delete them",
  ],
}
