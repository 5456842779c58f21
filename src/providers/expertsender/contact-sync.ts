import type { ContactSnapshot, ContactSyncContext, ContactSyncer } from "../../provider-api/types"
import { changedFields, withValues } from "../contact-sync/diff"
import { ExpertSenderOperations } from "./operations"
import type { ExpertSenderOptions } from "./options"

// the API's field limits
const LIMITS = { email: 320, phone: 20, crmId: 128, name: 256, attributeName: 256 }
const MATCH_FIELD = { Email: "email", PhoneNumber: "phone", CrmId: "crmId" } as const

const ATTRIBUTE = "attribute."
const CONSENT = "consent."

const cut = (value: string | null, max: number) => (value ? value.slice(0, max) : null)
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const within = (value: string | null, max: number) => (value && value.length <= max ? value : null)

/**
 * The contact as ExpertSender's Customers API takes it, flattened so a change can be found per
 * field: `attribute.<name>` for custom attributes (purchase statistics and the profile's own), and
 * `consent.<id>` for each purpose mapped to an ExpertSender consent id.
 */
export function expertSenderFieldsOf(
  contact: ContactSnapshot,
  context: ContactSyncContext,
  consentIds: Record<string, number> = {}
): Record<string, unknown> {
  const fields: Record<string, unknown> = withValues({
    // an address ExpertSender would refuse is left out rather than spoil a whole batch
    email: contact.email && EMAIL.test(contact.email) ? within(contact.email, LIMITS.email) : null,
    phone: within(contact.phone?.replace(/\s+/g, "") ?? null, LIMITS.phone),
    crmId: within(contact.crm_id, LIMITS.crmId),
    firstName: cut(contact.first_name, LIMITS.name),
    lastName: cut(contact.last_name, LIMITS.name),
    // the API's dateOfBirth is an ISO 8601 date-time
    dateOfBirth: contact.date_of_birth ? `${contact.date_of_birth}T00:00:00.000Z` : null,
    gender: contact.gender,
  })
  for (const [name, value] of Object.entries({ ...contact.statistics, ...contact.custom_attributes })) {
    fields[`${ATTRIBUTE}${name.slice(0, LIMITS.attributeName)}`] = String(value)
  }
  for (const purpose of Object.keys(context.purposes)) {
    const consent = contact.consents[purpose]
    if (consentIds[purpose] !== undefined && consent) {
      fields[`${CONSENT}${consentIds[purpose]}`] = consent.value
    }
  }
  return fields
}

/** The API's customer object (`data[]` item) for the changed fields. */
export function expertSenderCustomerOf(changes: Record<string, unknown>): Record<string, unknown> {
  const customer: Record<string, unknown> = {}
  const customAttributes: { name: string; value: string }[] = []
  const consents: { id: number; value: string }[] = []
  for (const [key, value] of Object.entries(changes)) {
    if (key.startsWith(ATTRIBUTE)) {
      customAttributes.push({ name: key.slice(ATTRIBUTE.length), value: String(value) })
    } else if (key.startsWith(CONSENT)) {
      consents.push({ id: Number(key.slice(CONSENT.length)), value: String(value) })
    } else {
      customer[key] = value
    }
  }
  if (customAttributes.length) {
    customer.customAttributes = customAttributes
  }
  if (consents.length) {
    customer.consentsData = { consents }
  }
  return customer
}

/**
 * ExpertSender ECDP API: `POST /customers` with `mode: AddOrUpdate` and the configured
 * `matchBy`, sending the identifying field and what changed; many contacts go in one request.
 */
export const expertSenderContactSync: ContactSyncer<ExpertSenderOptions> = {
  plan(contact, state, options, context) {
    const matchField = MATCH_FIELD[options.match_by as keyof typeof MATCH_FIELD]
    if (!matchField) {
      return {
        kind: "blocked",
        status: "error",
        reason: `the contact sync matches ExpertSender customers by Email, PhoneNumber or CrmId, not ${options.match_by}`,
      }
    }
    const wanted = expertSenderFieldsOf(contact, context, options.consent_ids)
    if (!wanted[matchField]) {
      return {
        kind: "blocked",
        status: "error",
        reason: `ExpertSender matches customers by ${options.match_by}, which this contact has not (or it is longer than the API allows)`,
      }
    }
    const changes = changedFields(wanted, state.last_sent)
    if (!Object.keys(changes).length) {
      return { kind: "done" }
    }
    const customer = expertSenderCustomerOf({ [matchField]: wanted[matchField], ...changes })
    return {
      kind: "call",
      call: {
        operation: ExpertSenderOperations.UpsertCustomers,
        payload: { mode: "AddOrUpdate", matchBy: options.match_by, data: [customer] },
        sends: changes,
      },
    }
  },

  settle(call) {
    return { again: call.status === "delivered" }
  },

  batch: {
    operation: ExpertSenderOperations.UpsertCustomers,
    size: (options) => options.batch_size,
    merge: (payloads) => ({
      mode: payloads[0].mode,
      matchBy: payloads[0].matchBy,
      data: payloads.flatMap((payload) => payload.data as unknown[]),
    }),
  },
}
