import type { ContactSnapshot, ContactSyncState, EndedContactCall, ContactSyncPlan } from "../../../provider-api/types"

/** A contact as the sync reads it, for the planners' unit tests. */
export function contactFixture(overrides: Partial<ContactSnapshot> = {}): ContactSnapshot {
  return {
    customer_id: "cus_1",
    email: "ada@example.com",
    phone: "+441234567",
    crm_id: null,
    first_name: "Ada",
    last_name: "Lovelace",
    date_of_birth: "1815-12-10",
    gender: "Female",
    language: "en",
    address: {
      address_1: "12 St James's Square",
      address_2: null,
      city: "London",
      province: null,
      postal_code: "SW1Y 4JH",
      country_code: "GB",
    },
    custom_attributes: {},
    statistics: { order_count: "2", total_spent: "59.97" },
    consents: {},
    ...overrides,
  }
}

export const emptyState = (): ContactSyncState => ({ external_id: null, last_sent: {}, credentials: null })

/** The call of a plan that must be a call. */
export function callOf(plan: ContactSyncPlan) {
  if (plan.kind !== "call") {
    throw new Error(`expected a call, got ${JSON.stringify(plan)}`)
  }
  return plan.call
}

/** The call as the outbox ends it. */
export function ended(
  call: { operation: string; payload: Record<string, unknown>; sends?: Record<string, unknown> },
  outcome: Partial<EndedContactCall> = {}
): EndedContactCall {
  return { ...call, status: "delivered", external_id: null, summary: { status: 200 }, reason: null, ...outcome }
}

/** What the driver does with a delivered call's `sends` when the settlement does not replace `last_sent`. */
export function applied(
  state: ContactSyncState,
  call: EndedContactCall,
  settlement: { external_id?: string | null; last_sent?: Record<string, unknown> }
): ContactSyncState {
  return {
    ...state,
    external_id: settlement.external_id === undefined ? state.external_id : settlement.external_id,
    last_sent:
      settlement.last_sent ??
      (call.status === "delivered" ? { ...state.last_sent, ...(call.sends ?? {}) } : state.last_sent),
  }
}
