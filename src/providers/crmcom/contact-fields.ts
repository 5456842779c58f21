import { withValues } from "../contact-sync/diff"
import type { ContactSnapshot } from "../../provider-api/types"
import type { CrmComOptions } from "./options"
import type { Fields } from "./contact-markers"

/** The EMAIL identity's username: the contact's email, as CRM.COM compares it. */
export const usernameOf = (contact: ContactSnapshot) => contact.email?.trim().toLowerCase() || null

/** YYYY-MM-DD as the API's `demographics.date_of_birth`: `{ year, month, day }`, numbers. */
export function dateOfBirthOf(value: string | null): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? "")
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null
}

/**
 * A purpose as CRM.COM's opt-out flag: anything but a given consent (True) opts out, pending
 * double opt-in included. No consent recorded: not sent (CRM.COM keeps what it has).
 */
function optOutOf(contact: ContactSnapshot, purpose: string | null): boolean | null {
  const consent = purpose ? contact.consents[purpose] : undefined
  return consent ? consent.value !== "True" : null
}

/**
 * The contact as `PUT /contacts/{id}` names its fields (CRM.COM's Self-Service API), flat (`demographics.date_of_birth`
 * is nested by {@link crmComBody}), without blank values.
 */
export function crmComFieldsOf(contact: ContactSnapshot, options: CrmComOptions): Fields {
  return withValues({
    first_name: contact.first_name?.trim(),
    last_name: contact.last_name?.trim(),
    email_address: contact.email?.trim(),
    "demographics.date_of_birth": dateOfBirthOf(contact.date_of_birth),
    email_opt_out: optOutOf(contact, options.email_opt_out_purpose),
    sms_opt_out: optOutOf(contact, options.sms_opt_out_purpose),
  })
}

/** The `consent_state` of the configured purpose's value; null when not recorded or not mapped. */
export function consentStateOf(contact: ContactSnapshot, options: CrmComOptions): string | null {
  const consent = options.consent_purpose ? contact.consents[options.consent_purpose] : undefined
  return consent ? (options.consent_states[consent.value] ?? null) : null
}

/** Flat field names (`demographics.date_of_birth`) as the nested body CRM.COM takes. */
export function crmComBody(fields: Fields): Fields {
  const body: Fields = {}
  for (const [path, value] of Object.entries(fields)) {
    const keys = path.split(".")
    let target = body
    for (const key of keys.slice(0, -1)) {
      target = (target[key] ??= {}) as Fields
    }
    target[keys[keys.length - 1]] = value
  }
  return body
}

// the fields a registration sets besides the identity (CRM.COM's Self-Service API: POST /contacts/register)
