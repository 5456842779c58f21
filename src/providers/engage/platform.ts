import { MedusaError } from "@medusajs/framework/utils"
import { classifyHttpAnswer, describeAnswer } from "../../provider-api/classify"
import type {
  DeliveryOutcome,
  EngagementPlatform,
  OutboundMessage,
  PlatformRequest,
  PlatformResponse,
  ResendCheck,
} from "../../provider-api/types"
import { engageContactSync } from "./contact-sync"
import { EngageOperations } from "./operations"
import { ENGAGE_IDENTIFIERS, EngageIdentifier, EngageOptions, engageOptionsSchema } from "./options"
import { engageHeaders, engageUrl } from "./request"

export const ENGAGE = "engage"

export { EngageOperations }

/** Engage takes at most this many contacts in one bulk call. */
export const ENGAGE_BULK_LIMIT = 4000

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === "" || (isPlainObject(value) && Object.keys(value).length === 0)

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/**
 * Drops null and empty values, nested ones too: in an Engage update they would overwrite what the
 * contact has (Voyado Engage's API v3: "send only the changes").
 */
export function onlyChanges(changes: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(changes)) {
    const cleaned = isPlainObject(value) ? onlyChanges(value) : value
    if (!isEmpty(cleaned)) {
      kept[key] = cleaned
    }
  }
  return kept
}

function contactsPath(...parts: string[]): string {
  return ["/api/v3/contacts", ...parts.map((part) => encodeURIComponent(part))].join("/")
}

function requireId(payload: Record<string, unknown>, operation: string): string {
  const id = payload.contact_id
  if (typeof id !== "string" || !id) {
    throw invalid(`Engage ${operation} needs the contact_id`)
  }
  return id
}

function bulkContacts(payload: Record<string, unknown>, operation: string): Record<string, unknown>[] {
  const contacts = payload.contacts
  if (!Array.isArray(contacts) || contacts.length === 0 || contacts.length > ENGAGE_BULK_LIMIT) {
    throw invalid(`Engage ${operation} needs 1 to ${ENGAGE_BULK_LIMIT} contacts`)
  }
  return contacts as Record<string, unknown>[]
}

function lookupQuery(payload: Record<string, unknown>, options: EngageOptions): URLSearchParams {
  const identifier = (payload.identifier ?? {}) as { name?: string; value?: unknown }
  const name = (identifier.name ?? options.lookup_by) as EngageIdentifier
  if (!ENGAGE_IDENTIFIERS.includes(name)) {
    throw invalid(`Engage lookup_contact cannot look up by "${name}"; use one of ${ENGAGE_IDENTIFIERS.join(", ")}`)
  }
  if ((typeof identifier.value !== "string" && typeof identifier.value !== "number") || identifier.value === "") {
    throw invalid("Engage lookup_contact needs identifier.value")
  }
  const query = new URLSearchParams({ [name]: String(identifier.value) })
  // optional narrowing; left out by default so a contact of another type is still found
  if (typeof payload.contact_type === "string" && payload.contact_type) {
    query.set("contactType", payload.contact_type)
  }
  return query
}

function route(message: OutboundMessage, options: EngageOptions): Omit<PlatformRequest, "headers"> {
  const { payload, operation } = message
  const url = (path: string, query?: URLSearchParams) => engageUrl(options, path, query)
  switch (operation) {
    case EngageOperations.LookupContact:
      return { method: "GET", url: url(contactsPath("id"), lookupQuery(payload, options)) }
    case EngageOperations.CreateContact:
      if (!isPlainObject(payload.contact)) {
        throw invalid("Engage create_contact needs the contact")
      }
      return { method: "POST", url: url(contactsPath()), body: payload.contact }
    case EngageOperations.UpdateContact: {
      const changes = onlyChanges(isPlainObject(payload.changes) ? payload.changes : {})
      if (!Object.keys(changes).length) {
        throw invalid("Engage update_contact has no changes to send")
      }
      return { method: "PATCH", url: url(contactsPath(requireId(payload, operation))), body: changes }
    }
    case EngageOperations.UpdateContactType: {
      const type = payload.contact_type_id ?? options.contact_type_id
      if (typeof type !== "string" || !type) {
        throw invalid("Engage update_contact_type needs a contact_type_id (payload or options)")
      }
      const query = new URLSearchParams({ contactTypeId: type })
      return { method: "POST", url: url(contactsPath(requireId(payload, operation), "updateContactType"), query) }
    }
    case EngageOperations.BulkCreate: {
      const query = new URLSearchParams(options.contact_type_id ? { contactType: options.contact_type_id } : {})
      return { method: "POST", url: url(contactsPath("bulk"), query), body: bulkContacts(payload, operation) }
    }
    case EngageOperations.BulkUpdate:
      return {
        method: "PATCH",
        url: url(contactsPath("bulk")),
        body: bulkContacts(payload, operation).map(onlyChanges),
      }
    default:
      throw invalid(`Engage has no operation "${operation}"`)
  }
}

function buildEngageRequest(message: OutboundMessage, options: EngageOptions): PlatformRequest {
  const request = route(message, options)
  return { ...request, headers: engageHeaders(options, request.body !== undefined) }
}

/** The lookup answers the contact id as a bare JSON string; an object with `id` is taken too. */
function contactIdOf(body: unknown): string | null {
  if (typeof body === "string" && body.trim()) {
    return body.trim().replace(/^"|"$/g, "")
  }
  const id = isPlainObject(body) ? (body.id ?? body.contactId) : undefined
  return typeof id === "string" || typeof id === "number" ? String(id) : null
}

function classifyEngageAnswer(
  response: PlatformResponse,
  message: OutboundMessage,
  options: EngageOptions
): DeliveryOutcome {
  const outcome = classifyHttpAnswer(response)
  const summary = { status: response.status, body: response.body }
  if (message.operation === EngageOperations.LookupContact) {
    if (response.status === 404) {
      // "404 contact not found" is the answer that leads to creating the contact
      return { kind: "delivered", external_id: null, summary: { ...summary, found: false } }
    }
    if (response.status === 409) {
      const name = (message.payload.identifier as { name?: string } | undefined)?.name ?? options.lookup_by
      return {
        kind: "failed",
        reason: `several Engage contacts match this ${name} (409 conflict, MultipleMatches): merge them in Engage or look up by another identifier. ${describeAnswer(response)}`,
        summary,
      }
    }
    if (outcome.kind === "delivered") {
      const id = contactIdOf(response.body)
      return { kind: "delivered", external_id: id, summary: { ...summary, found: id !== null } }
    }
    return outcome
  }
  if (response.status === 404) {
    return { kind: "failed", reason: `contact not found: ${describeAnswer(response)}`, summary }
  }
  if (message.operation === EngageOperations.CreateContact && response.status === 409 && message.in_doubt) {
    // our own create, resent after its first answer was lost: it arrived the first time
    return { kind: "delivered", external_id: null, summary: { ...summary, already_existed: true } }
  }
  if (outcome.kind === "delivered") {
    // create answers the full contact; bulk calls answer their queue batch, when they name one
    const body = isPlainObject(response.body) ? response.body : {}
    const id = body.id ?? body.batchId
    return { ...outcome, external_id: typeof id === "string" || typeof id === "number" ? String(id) : null }
  }
  return outcome
}

/**
 * A create whose earlier attempt may have arrived is looked up first, by its email, as Engage's
 * contacts flow does before every create: found is the earlier create (delivered, with its id);
 * 404 means it did not arrive and the create goes out now.
 */
function engageResendCheck(message: OutboundMessage, options: EngageOptions): ResendCheck | undefined {
  const email = isPlainObject(message.payload.contact) ? message.payload.contact.email : undefined
  if (message.operation !== EngageOperations.CreateContact || typeof email !== "string" || !email) {
    // updates and contact types set values (sending them twice changes nothing); bulk calls are queued blind
    return undefined
  }
  const lookup: OutboundMessage = {
    ...message,
    operation: EngageOperations.LookupContact,
    payload: { identifier: { name: "email", value: email } },
  }
  return {
    request: buildEngageRequest(lookup, options),
    interpret(response) {
      const found = classifyEngageAnswer(response, lookup, options)
      if (found.kind !== "delivered") {
        return found
      }
      return found.external_id
        ? {
            kind: "delivered",
            external_id: found.external_id,
            summary: { status: response.status, already_existed: true },
          }
        : null
    },
  }
}

/**
 * Voyado Engage API v3 contacts: look up, create (201), PATCH only the changes, upgrade the
 * contact type, and the bulk endpoints that are the fallback so no change is lost.
 */
export const engagePlatform: EngagementPlatform<EngageOptions> = {
  id: ENGAGE,
  displayName: "Voyado Engage",
  operationLabels: {
    lookup_contact: "Contact lookup",
    create_contact: "New contact",
    update_contact: "Contact update",
    update_contact_type: "Contact type change",
    bulk_create: "New contacts (batch)",
    bulk_update: "Contact updates (batch)",
  },
  optionsSchema: engageOptionsSchema,
  operations: Object.values(EngageOperations),
  buildRequest: buildEngageRequest,
  classifyResponse: classifyEngageAnswer,
  resendCheck: engageResendCheck,
  contactSync: engageContactSync,
}

export default engagePlatform
