import type { AbstractEngagementProvider } from "../../provider-api/provider"
import { outboxConsumers } from "./outbox-consumers"
import type { DeliveryRecord } from "./types"

// a platform that keeps contacts, takes conversions and stops an erased shopper's journeys (as Rejoiner)
const provider = {
  id: "rejoiner",
  capabilities: () => ({ contact_copies: true, erasure: {} }),
} as unknown as AbstractEngagementProvider

const delivery = (fields: Partial<DeliveryRecord>) =>
  ({
    origin: "cart_conversion",
    platform: "rejoiner",
    operation: "convert",
    idempotency_key: "conversion:order_1:rejoiner",
    subject_id: null,
    ...fields,
  }) as DeliveryRecord

describe("outboxConsumers", () => {
  // no review platform here: no delivery decides a review request
  const handlers = outboxConsumers([provider], 12, { applyDeliveryOutcomes: async () => undefined })

  it("waits on a contact's sync calls and an erasure's stop calls only", () => {
    expect(handlers.wants(delivery({ origin: "contact_sync", operation: "upsert_customer" }))).toBe(true)
    expect(handlers.wants(delivery({ origin: "erasure", operation: "cancel" }))).toBe(true)
  })

  it("leaves a conversion or a journey stop to the grouped outcome writer: nothing waits on it", () => {
    expect(handlers.wants(delivery({}))).toBe(false)
    expect(handlers.wants(delivery({ origin: "journey_cancellation", operation: "cancel" }))).toBe(false)
    // another platform's contact sync is not this platform's to settle
    expect(handlers.wants(delivery({ origin: "contact_sync", platform: "crmcom" }))).toBe(false)
  })
})
