import type { AbstractEngagementProvider } from "../../provider-api/provider"
import { outboxConsumers } from "./outbox-consumers"
import { ERASURE_ID_PREFIX } from "./privacy/redact"
import type { DeliveryRecord } from "./types"

// a platform that keeps contacts, takes conversions and stops an erased shopper's journeys (as Rejoiner)
const provider = {
  id: "rejoiner",
  capabilities: () => ({ contact_copies: true, erasure: {} }),
} as unknown as AbstractEngagementProvider

const delivery = (fields: Partial<DeliveryRecord>) =>
  ({
    platform: "rejoiner",
    operation: "convert",
    idempotency_key: "order.placed:order_1",
    subject_id: null,
    ...fields,
  }) as DeliveryRecord

describe("outboxConsumers", () => {
  // no review platform here: no delivery decides a review request
  const handlers = outboxConsumers([provider], 12, { applyDeliveryOutcome: async () => undefined })

  it("waits on a contact's sync calls and an erasure's stop calls only", () => {
    expect(
      handlers.wants(delivery({ operation: "upsert_customer", idempotency_key: "contact-sync:rejoiner:cus_1:0" }))
    ).toBe(true)
    expect(handlers.wants(delivery({ operation: "cancel", subject_id: `${ERASURE_ID_PREFIX}1` }))).toBe(true)
  })

  it("leaves a conversion to the grouped outcome writer: nothing waits on it", () => {
    expect(handlers.wants(delivery({}))).toBe(false)
    expect(handlers.wants(delivery({ operation: "cancel", idempotency_key: "journeys:cus_1" }))).toBe(false)
  })
})
