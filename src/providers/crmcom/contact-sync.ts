import type { SecretBox } from "../../utils/secret-box"
import { answeredStatus, changedFields, withoutMarkers, withValues } from "../contact-sync/diff"
import type {
  ContactSnapshot,
  ContactSyncCall,
  ContactSyncer,
  ContactSyncPlan,
  ContactSyncSettlement,
  ContactSyncState,
  EndedContactCall,
} from "../types"
import { decodeJwtSub } from "./jwt"
import { CrmComOperations } from "./operations"
import type { CrmComOptions } from "./options"
import { boxOf, CrmComCredentials, generatePassword, openCredentials, openSealedValue, SEALED } from "./secrets"

/** A token this close to its expiry is refreshed before a contact call uses it. */
export const TOKEN_EXPIRY_MARGIN_MS = 60_000

/**
 * Contact calls refused for their token in a row before the sync stops: the first refusal
 * refreshes the token, the second signs in again with the password, the third stops.
 */
export const MAX_TOKEN_REJECTIONS = 3

// markers kept in `last_sent` next to the fields CRM.COM was sent (CRM.COM's own names)
/** the username CRM.COM answered "already exists" for: sign in once with the held password */
const EXISTS = "$exists"
/** `{ username, reason }`: the contact needs linking by hand; username null: whatever its email */
const NEEDS_LINKING = "$needs_linking"

type Fields = Record<string, unknown>


/** The EMAIL identity's username: the contact's email, as CRM.COM compares it. */
const usernameOf = (contact: ContactSnapshot) => contact.email?.trim().toLowerCase() || null

/** YYYY-MM-DD as the seed's `demographics.date_of_birth`: `{ year, month, day }`, numbers. */
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
 * The contact as `PUT /contacts/{id}` names its fields (seed 003), flat (`demographics.date_of_birth`
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
  return consent ? options.consent_states[consent.value] ?? null : null
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

// the fields a registration sets besides the identity (seed 003: POST /contacts/register)
const REGISTER_FIELDS = ["first_name", "last_name", "email_opt_out", "sms_opt_out"]

const blocked = (status: "error" | "needs_linking", reason: string): ContactSyncPlan => ({ kind: "blocked", status, reason })

function hasLiveToken(credentials: CrmComCredentials | null): credentials is CrmComCredentials & { access_token: string } {
  if (!credentials?.access_token) {
    return false
  }
  const expiresAt = credentials.expires_at ? Date.parse(credentials.expires_at) : NaN
  return Number.isNaN(expiresAt) || expiresAt - Date.now() > TOKEN_EXPIRY_MARGIN_MS
}

function linkingOf(lastSent: Fields): { username: string | null; reason: string } | null {
  const linking = lastSent[NEEDS_LINKING] as { username?: unknown; reason?: unknown } | undefined
  if (!linking || typeof linking !== "object") {
    return null
  }
  return {
    username: typeof linking.username === "string" ? linking.username : null,
    reason: typeof linking.reason === "string" ? linking.reason : "the contact needs linking in CRM.COM",
  }
}

function authenticateCall(credentials: CrmComCredentials, box: SecretBox): ContactSyncPlan {
  return {
    kind: "call",
    call: {
      operation: CrmComOperations.AuthenticateContact,
      payload: { provider: "EMAIL", username: credentials.username, [SEALED.password]: box.seal(credentials.password) },
    },
  }
}

function registerCall(
  contact: ContactSnapshot,
  wanted: Fields,
  consentState: string | null,
  credentials: CrmComCredentials | null,
  options: CrmComOptions,
  box: SecretBox
): ContactSyncPlan {
  const username = usernameOf(contact)
  if (!username) {
    return blocked("error", "CRM.COM registers a contact by its email (identity provider EMAIL), and this contact has no email")
  }
  if (!wanted.first_name || !wanted.last_name) {
    return blocked("error", "CRM.COM registers a contact with a first and a last name, and this contact lacks one")
  }
  // a password held already (a registration that may have reached CRM.COM) is kept: it may be the one CRM.COM has
  const password = credentials?.password ?? generatePassword()
  const sends: Fields = Object.fromEntries(REGISTER_FIELDS.filter((key) => wanted[key] !== undefined).map((key) => [key, wanted[key]]))
  if (consentState) {
    sends.consent_state = consentState
  }
  const held: CrmComCredentials = { username, password }
  return {
    kind: "call",
    call: {
      operation: CrmComOperations.RegisterContact,
      payload: {
        ...sends,
        identity: {
          provider: "EMAIL",
          username,
          [SEALED.password]: box.seal(password),
          validation_required: options.validation_required,
        },
      },
      sends,
    },
    // stored before the call goes out: if CRM.COM takes it and the answer is lost, the plugin can still sign in
    credentials: box.seal(held),
  }
}

function contactCall(externalId: string, token: string, changes: Fields, consentState: string | null, box: SecretBox): ContactSyncCall {
  const auth = { contact_id: externalId, [SEALED.access_token]: box.seal(token) }
  if (Object.keys(changes).length) {
    return { operation: CrmComOperations.UpdateContact, payload: { ...auth, contact: crmComBody(changes) }, sends: changes }
  }
  return { operation: CrmComOperations.UpdateConsents, payload: { ...auth, consent_state: consentState }, sends: { consent_state: consentState } }
}

/**
 * Seed 003's flow for one contact: register it (EMAIL identity, a generated password stored sealed
 * before the call goes out; the contact id is the `sub` of the returned JWT), then `PUT` only the
 * fields that changed and the consent state, each with the contact's own token; refresh the token
 * before it expires, sign in again with the password when the refresh is refused, and ask for
 * linking by hand when CRM.COM refuses the password (a contact that existed before the plugin).
 */
function plan(contact: ContactSnapshot, state: ContactSyncState, options: CrmComOptions): ContactSyncPlan {
  const box = boxOf(options)
  let credentials: CrmComCredentials | null
  try {
    credentials = openCredentials(state.credentials, box)
  } catch (error) {
    return blocked("error", (error as Error).message)
  }
  const linking = linkingOf(state.last_sent)
  if (linking && (linking.username === null || linking.username === usernameOf(contact))) {
    return blocked("needs_linking", linking.reason)
  }
  const wanted = crmComFieldsOf(contact, options)
  const consentState = consentStateOf(contact, options)

  if (!state.external_id) {
    // CRM.COM knows the held password (registered before, or a registration whose answer was lost): sign in to learn the id
    if (credentials?.password && (credentials.confirmed || state.last_sent[EXISTS] === credentials.username)) {
      return authenticateCall(credentials, box)
    }
    return registerCall(contact, wanted, consentState, credentials, options, box)
  }

  const changes = changedFields(wanted, withoutMarkers(state.last_sent))
  const consentChanged = consentState !== null && consentState !== state.last_sent.consent_state
  if (!Object.keys(changes).length && !consentChanged) {
    return { kind: "done" }
  }
  if (!hasLiveToken(credentials)) {
    if (credentials?.refresh_token) {
      return {
        kind: "call",
        call: {
          operation: CrmComOperations.RefreshToken,
          payload: { contact_id: state.external_id, [SEALED.refresh_token]: box.seal(credentials.refresh_token) },
        },
      }
    }
    if (credentials?.password) {
      return authenticateCall(credentials, box)
    }
    return blocked(
      "needs_linking",
      `the plugin holds no CRM.COM password for contact ${state.external_id}: link it in CRM.COM, then sync the contact again with reset`
    )
  }
  return { kind: "call", call: contactCall(state.external_id, credentials.access_token, changes, consentChanged ? consentState : null, box) }
}

/** An `exp` already (almost) past when CRM.COM hands the token out says nothing: use the token until refused. */
function trustedExpiry(value: unknown): string | null {
  const at = typeof value === "string" ? Date.parse(value) : NaN
  return Number.isNaN(at) || at - Date.now() <= TOKEN_EXPIRY_MARGIN_MS ? null : new Date(at).toISOString()
}

/** The username and password a token call was made with: the held ones, else the call's own. */
function signInOf(call: EndedContactCall, credentials: CrmComCredentials | null, box: SecretBox): Pick<CrmComCredentials, "username" | "password"> | null {
  if (credentials?.username && credentials.password) {
    return { username: credentials.username, password: credentials.password }
  }
  const source = (call.operation === CrmComOperations.RegisterContact ? call.payload.identity : call.payload) as Fields | undefined
  try {
    const username = source?.username
    const password = openSealedValue(source?.[SEALED.password], SEALED.password, call.operation, box)
    return typeof username === "string" ? { username, password } : null
  } catch {
    return null
  }
}

/** A registration, sign-in or refresh answered: keep the tokens sealed and the contact id. */
function signedIn(call: EndedContactCall, state: ContactSyncState, credentials: CrmComCredentials | null, box: SecretBox): ContactSyncSettlement {
  const secrets = call.secrets ?? {}
  const accessToken = typeof secrets.access_token === "string" && secrets.access_token ? secrets.access_token : null
  const held = signInOf(call, credentials, box)
  const registered = call.operation === CrmComOperations.RegisterContact
  const sent = registered ? call.sends ?? {} : {}
  if (!held) {
    return {
      again: false,
      problem: { status: "needs_linking", reason: "CRM.COM answered, but the plugin lost the contact's password: link it in CRM.COM, then sync it again with reset" },
    }
  }
  if (!accessToken) {
    if (registered) {
      // registered, but no token in the answer: sign in for one
      return {
        again: true,
        credentials: box.seal({ ...held, confirmed: true, rejections: credentials?.rejections ?? 0 } satisfies CrmComCredentials),
        last_sent: { ...withoutMarkers(state.last_sent), ...sent },
      }
    }
    return { again: false, problem: { status: "error", reason: `CRM.COM answered ${call.operation} without an access token` } }
  }
  const summary = call.summary ?? {}
  const contactId = decodeJwtSub(accessToken) ?? call.external_id ?? (typeof summary.contact_id === "string" ? summary.contact_id : null)
  if (!contactId) {
    return { again: false, problem: { status: "error", reason: `CRM.COM's access token of ${call.operation} names no contact (no sub claim)` } }
  }
  const next: CrmComCredentials = {
    ...held,
    confirmed: true,
    access_token: accessToken,
    refresh_token: typeof secrets.refresh_token === "string" && secrets.refresh_token ? secrets.refresh_token : accessToken,
    expires_at: trustedExpiry(secrets.expires_at ?? summary.expires_at),
    rejections: credentials?.rejections ?? 0,
  }
  // signed in as another contact than the stored one: what the old one was sent says nothing of this one
  const kept = !state.external_id || state.external_id === contactId ? withoutMarkers(state.last_sent) : {}
  return { again: true, external_id: contactId, credentials: box.seal(next), last_sent: { ...kept, ...sent } }
}

const withoutTokens = (credentials: CrmComCredentials): CrmComCredentials => ({
  ...credentials,
  access_token: null,
  refresh_token: null,
  expires_at: null,
})

/** CRM.COM refused the held password: stop until linked by hand, and never register or sign in again by itself. */
function needsLinking(
  call: EndedContactCall,
  state: ContactSyncState,
  credentials: CrmComCredentials | null,
  username: string,
  box: SecretBox
): ContactSyncSettlement {
  const existed = state.last_sent[EXISTS] !== undefined || call.operation === CrmComOperations.RegisterContact
  const reason = existed
    ? `${username} already exists in CRM.COM with a password the plugin does not hold: link it in CRM.COM ` +
      "(remove or rename that contact there) or give the customer another email, then sync the contact again with reset"
    : `CRM.COM refused the plugin's password for ${username} (changed in CRM.COM?): link the contact in CRM.COM, then sync it again with reset`
  const full = call.reason ? `${reason} (${call.reason})` : reason
  const { [EXISTS]: _exists, ...lastSent } = state.last_sent
  return {
    again: false,
    problem: { status: "needs_linking", reason: full },
    // unconfirmed: once reset, the plugin registers again (and signs in only if CRM.COM says the contact exists)
    ...(credentials ? { credentials: box.seal({ ...withoutTokens(credentials), confirmed: false } satisfies CrmComCredentials) } : {}),
    // keyed by the username while the contact has no CRM.COM id: another email may register
    last_sent: { ...lastSent, [NEEDS_LINKING]: { username: state.external_id ? null : username, reason: full } },
  }
}

const REFUSED_SIGN_IN = [401, 403, 404]

function settle(call: EndedContactCall, state: ContactSyncState, options: CrmComOptions): ContactSyncSettlement {
  const box = boxOf(options)
  let credentials: CrmComCredentials | null
  try {
    credentials = openCredentials(state.credentials, box)
  } catch (error) {
    return { again: false, problem: { status: "error", reason: (error as Error).message } }
  }
  const status = answeredStatus(call.summary)
  const summary = call.summary ?? {}
  if (call.status !== "delivered" && summary.api_key_rejected) {
    // the store's key, not the contact: the reason says so, and every contact waits for a new key
    return { again: false }
  }
  switch (call.operation) {
    case CrmComOperations.RegisterContact:
    case CrmComOperations.AuthenticateContact:
    case CrmComOperations.RefreshToken:
      if (call.status === "delivered") {
        return signedIn(call, state, credentials, box)
      }
      break
    case CrmComOperations.UpdateContact:
    case CrmComOperations.UpdateConsents:
      if (call.status === "delivered") {
        return credentials?.rejections ? { again: true, credentials: box.seal({ ...credentials, rejections: 0 }) } : { again: true }
      }
      break
  }
  if (call.status !== "failed") {
    // dead (kept failing for passing faults): an error until the contact changes again
    return { again: false }
  }

  switch (call.operation) {
    case CrmComOperations.RegisterContact: {
      const identity = (call.payload.identity ?? {}) as Fields
      const username = credentials?.username ?? String(identity.username ?? "the contact")
      if (summary.contact_exists || status === 409) {
        // perhaps the plugin's own registration, answered but the answer lost: try the held password once
        return credentials?.password
          ? { again: true, last_sent: { ...state.last_sent, [EXISTS]: username } }
          : needsLinking(call, state, credentials, username, box)
      }
      return { again: false, problem: { status: "error", reason: `CRM.COM refused to register the contact: ${call.reason ?? "no details"}` } }
    }
    case CrmComOperations.AuthenticateContact:
      if (status !== null && REFUSED_SIGN_IN.includes(status)) {
        return needsLinking(call, state, credentials, credentials?.username ?? String(call.payload.username ?? "the contact"), box)
      }
      break
    case CrmComOperations.RefreshToken:
      if (status !== null) {
        // refused: forget the tokens; the next plan signs in with the password
        return { again: true, ...(credentials ? { credentials: box.seal(withoutTokens(credentials)) } : {}) }
      }
      break
    case CrmComOperations.UpdateContact:
    case CrmComOperations.UpdateConsents:
      if (summary.token_rejected && credentials) {
        const rejections = (credentials.rejections ?? 0) + 1
        if (rejections >= MAX_TOKEN_REJECTIONS) {
          return {
            again: false,
            problem: {
              status: "error",
              reason: `CRM.COM refused ${rejections} access tokens of the contact in a row, fresh ones too: ${call.reason ?? "no details"}`,
            },
            credentials: box.seal({ ...withoutTokens(credentials), rejections: 0 }),
          }
        }
        // drop the token (the next plan refreshes it); refused again after a refresh: sign in anew
        const next = rejections >= 2 ? withoutTokens(credentials) : { ...credentials, access_token: null }
        return { again: true, credentials: box.seal({ ...next, rejections }) }
      }
      if (status === 404) {
        return {
          again: false,
          problem: {
            status: "error",
            reason: `CRM.COM has no contact ${state.external_id} (any more): sync the contact again with reset to register it anew (${call.reason ?? "404"})`,
          },
          ...(credentials ? { credentials: box.seal({ ...withoutTokens(credentials), confirmed: false }) } : {}),
        }
      }
      break
  }
  return { again: false }
}

/** The CRM.COM contact sync: pure planner and settler. */
export const crmComContactSync: ContactSyncer<CrmComOptions> = { plan, settle }
