import type { ContactSnapshot, ContactSyncer, ContactSyncPlan } from "../../provider-api/types"
import { answeredStatus, changedFields, isMarker, withoutMarkers, withValues } from "../contact-sync/diff"
import { EngageOperations } from "./operations"
import type { EngageOptions } from "./options"

// markers kept in `last_sent` next to the contact's fields
const LOOKED_UP = "$lookup"
const CONTACT_TYPE = "$contactType"

const markersOf = (lastSent: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(lastSent).filter(([key]) => isMarker(key) && key !== LOOKED_UP))

const accepts = (contact: ContactSnapshot, purpose: string) =>
  contact.consents[purpose] ? contact.consents[purpose].value === "True" : undefined

/** The contact as Engage names its fields (its API v3's contact attributes), without blank values. */
export function engageContactOf(contact: ContactSnapshot): Record<string, unknown> {
  const address = contact.address
  return withValues({
    email: contact.email,
    firstName: contact.first_name,
    lastName: contact.last_name,
    mobilePhone: contact.phone,
    birthDay: contact.date_of_birth,
    street: [address?.address_1, address?.address_2].filter(Boolean).join(", ") || null,
    zipCode: address?.postal_code,
    city: address?.city,
    countryCode: address?.country_code,
    acceptsEmail: accepts(contact, "email_marketing"),
    acceptsSms: accepts(contact, "sms_marketing"),
  })
}

function identifierOf(contact: ContactSnapshot, options: EngageOptions): string | null {
  switch (options.lookup_by) {
    case "mobilePhone":
      return contact.phone
    case "customKey":
      return contact.crm_id
    default:
      return contact.email
  }
}

/**
 * Engage API v3's flow: look the contact up when its id is not stored; create it on 404 (201, keep the
 * id); PATCH only what changed; change the contact type only through updateContactType; fall back
 * to the bulk endpoints when a create or update keeps failing, and reconcile the id at the next lookup.
 */
export const engageContactSync: ContactSyncer<EngageOptions> = {
  plan(contact, state, options): ContactSyncPlan {
    const wanted = engageContactOf(contact)
    if (!wanted.email) {
      return { kind: "blocked", status: "error", reason: "Engage needs the contact's email" }
    }
    const attempts = options.fallback_after_attempts
    if (!state.external_id) {
      if (state.last_sent[LOOKED_UP] !== "not_found") {
        const value = identifierOf(contact, options)
        if (!value) {
          return {
            kind: "blocked",
            status: "error",
            reason: `Engage looks contacts up by ${options.lookup_by}, which this contact has not`,
          }
        }
        return {
          kind: "call",
          call: {
            operation: EngageOperations.LookupContact,
            payload: { identifier: { name: options.lookup_by, value } },
          },
        }
      }
      return {
        kind: "call",
        call: {
          operation: EngageOperations.CreateContact,
          payload: { contact: wanted },
          sends: wanted,
          max_attempts: attempts,
        },
      }
    }
    const changes = changedFields(wanted, withoutMarkers(state.last_sent))
    if (Object.keys(changes).length) {
      return {
        kind: "call",
        call: {
          operation: EngageOperations.UpdateContact,
          payload: { contact_id: state.external_id, changes },
          sends: changes,
          max_attempts: attempts,
        },
      }
    }
    if (options.contact_type_id && state.last_sent[CONTACT_TYPE] !== options.contact_type_id) {
      return {
        kind: "call",
        call: {
          operation: EngageOperations.UpdateContactType,
          payload: { contact_id: state.external_id, contact_type_id: options.contact_type_id },
          sends: { [CONTACT_TYPE]: options.contact_type_id },
        },
      }
    }
    return { kind: "done" }
  },

  settle(call, state) {
    const status = answeredStatus(call.summary)
    const fields = (call.sends ?? {}) as Record<string, unknown>
    switch (call.operation) {
      case EngageOperations.LookupContact:
        if (call.status === "delivered") {
          return call.external_id
            ? { again: true, external_id: call.external_id }
            : { again: true, last_sent: { ...state.last_sent, [LOOKED_UP]: "not_found" } }
        }
        if (status === 409) {
          return {
            again: false,
            problem: { status: "conflict", reason: call.reason ?? "several Engage contacts match" },
          }
        }
        break
      case EngageOperations.CreateContact:
        if (call.status === "delivered" && call.summary?.already_existed) {
          // the contact was there when a resend asked: what it holds is not known, so send it everything
          return { again: true, external_id: call.external_id, last_sent: markersOf(state.last_sent) }
        }
        if (call.status === "delivered") {
          return { again: true, external_id: call.external_id, last_sent: { ...markersOf(state.last_sent), ...fields } }
        }
        if (status === 409) {
          // created meanwhile by someone else: look it up again and update it
          return { again: true, last_sent: markersOf(state.last_sent) }
        }
        if (call.status === "dead") {
          return {
            again: false,
            fallback: { operation: EngageOperations.BulkCreate, payload: { contacts: [fields] }, sends: fields },
          }
        }
        break
      case EngageOperations.UpdateContact:
        if (status === 404) {
          // deleted in Engage: find or create it again, sending everything
          return { again: true, external_id: null, last_sent: {} }
        }
        if (call.status === "dead") {
          const contact = { id: state.external_id, ...fields }
          return {
            again: false,
            fallback: { operation: EngageOperations.BulkUpdate, payload: { contacts: [contact] }, sends: fields },
          }
        }
        break
      case EngageOperations.BulkCreate:
        if (call.status === "delivered") {
          // queued in Engage without an id: the next sync looks the contact up and keeps its id
          return { again: false, external_id: null, last_sent: { ...markersOf(state.last_sent), ...fields } }
        }
        break
    }
    return { again: call.status === "delivered" }
  },
}
