import type { ContactSnapshot, ContactSyncer, ContactSyncPlan, SnapshotConsent } from "../../provider-api/types"
import { answeredStatus, changedFields, withValues } from "../contact-sync/diff"
import { RejoinerOperations } from "./operations"
import type { RejoinerOptions } from "./options"

// the consent value Rejoiner was last told, kept in `last_sent` next to the profile fields
const CONSENT = "$consent"

const GENDERS: Record<string, string> = { Male: "m", Female: "f" }

/**
 * The customer profile as Rejoiner's REST API v1 names its fields: birthdate YYYY-MM-DD, gender m/f only when
 * known, language at most two characters, the address from the default address, and the purchase
 * statistics and custom attributes in `metadata` (always whole: Rejoiner replaces it on update).
 */
export function rejoinerProfileOf(contact: ContactSnapshot, options: RejoinerOptions): Record<string, unknown> {
  const address = contact.address
  const language = contact.language?.trim().toLowerCase()
  const metadata = { ...contact.statistics, ...contact.custom_attributes }
  return withValues({
    email: contact.email,
    first_name: contact.first_name,
    last_name: contact.last_name,
    phone: contact.phone,
    gender: contact.gender ? GENDERS[contact.gender] : null,
    language: language && language.length <= 2 ? language : null,
    birthdate: contact.date_of_birth,
    address1: address?.address_1,
    address2: address?.address_2,
    city: address?.city,
    state: address?.province,
    postal_code: address?.postal_code,
    country: address?.country_code,
    tags: options.customer_tags.length ? options.customer_tags : null,
    metadata: Object.keys(metadata).length ? metadata : null,
  })
}

/** The opt-in's free-form proof: the ledger's source, time, wording and info, as strings. */
export function optInFields(consent: SnapshotConsent, purpose: string): Record<string, string> {
  const fields: Record<string, string> = { type: `${purpose} (${consent.source})`, recorded_at: consent.recorded_at }
  if (consent.wording) {
    fields.wording = consent.wording
  }
  for (const [key, value] of Object.entries(consent.info ?? {})) {
    if (!(key in fields) && key !== "email" && value !== null && value !== undefined) {
      fields[key] = typeof value === "string" ? value : JSON.stringify(value)
    }
  }
  return fields
}

/**
 * Rejoiner customers (Rejoiner's REST API v1): create the profile, then `PUT` what changed (with the whole
 * metadata); unsubscribe when the configured purpose is withdrawn, record an opt-in when it is given.
 */
export const rejoinerContactSync: ContactSyncer<RejoinerOptions> = {
  plan(contact, state, options): ContactSyncPlan {
    if (!contact.email) {
      return { kind: "blocked", status: "error", reason: "Rejoiner needs the customer's email" }
    }
    const wanted = rejoinerProfileOf(contact, options)
    if (options.sync_profiles) {
      if (!state.external_id) {
        return { kind: "call", call: { operation: RejoinerOperations.CreateCustomer, payload: wanted, sends: wanted } }
      }
      const changes = changedFields(wanted, state.last_sent)
      if (Object.keys(changes).length) {
        // metadata replaces the whole object on Rejoiner: send it complete whenever any of it changed
        const body = { email: contact.email, ...changes, ...(changes.metadata ? { metadata: wanted.metadata } : {}) }
        return {
          kind: "call",
          call: {
            operation: RejoinerOperations.UpdateCustomer,
            payload: { customer_key: state.external_id, ...body },
            sends: changes,
          },
        }
      }
    }
    const consent = contact.consents[options.consent_purpose]
    if (consent && consent.value !== "AwaitingConfirmation" && consent.value !== state.last_sent[CONSENT]) {
      const call =
        consent.value === "True"
          ? {
              operation: RejoinerOperations.OptIn,
              payload: { ...optInFields(consent, options.consent_purpose), email: contact.email },
            }
          : { operation: RejoinerOperations.Unsubscribe, payload: { email: contact.email } }
      return { kind: "call", call: { ...call, sends: { [CONSENT]: consent.value } } }
    }
    return { kind: "done" }
  },

  settle(call, state) {
    const email = (call.sends?.email ?? call.payload.email) as string | undefined
    if (call.status === "delivered" && call.summary?.already_existed) {
      // the profile was there when a resend asked: what it holds is not known, so update it with everything
      return {
        again: true,
        external_id: email ?? state.external_id,
        last_sent: { [CONSENT]: state.last_sent[CONSENT] },
      }
    }
    if (call.status === "delivered") {
      const created = call.operation === RejoinerOperations.CreateCustomer
      const updated = call.operation === RejoinerOperations.UpdateCustomer
      // Rejoiner addresses a profile by its email: the key to update it by is the email it now has
      return {
        again: true,
        ...(created || (updated && call.sends?.email) ? { external_id: email ?? state.external_id } : {}),
      }
    }
    if (call.operation === RejoinerOperations.UpdateCustomer && answeredStatus(call.summary) === 404) {
      // gone from Rejoiner: create it again with everything
      return { again: true, external_id: null, last_sent: { [CONSENT]: state.last_sent[CONSENT] } }
    }
    return { again: false }
  },
}
