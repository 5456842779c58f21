import type { SecretBox } from "../../utils/secret-box"
import { changedFields, withoutMarkers } from "../contact-sync/diff"
import type { ContactSnapshot, ContactSyncCall, ContactSyncPlan, ContactSyncState } from "../../provider-api/types"
import { CrmComOperations } from "./operations"
import type { CrmComOptions } from "./options"
import { boxOf, CrmComCredentials, generatePassword, openCredentials, SEALED } from "./secrets"
import { crmComBody, crmComFieldsOf, consentStateOf, usernameOf } from "./contact-fields"
import { EXISTS, Fields, NEEDS_LINKING, TOKEN_EXPIRY_MARGIN_MS } from "./contact-markers"

const REGISTER_FIELDS = ["first_name", "last_name", "email_opt_out", "sms_opt_out"]

const blocked = (status: "error" | "needs_linking", reason: string): ContactSyncPlan => ({
  kind: "blocked",
  status,
  reason,
})

function hasLiveToken(
  credentials: CrmComCredentials | null
): credentials is CrmComCredentials & { access_token: string } {
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
    return blocked(
      "error",
      "CRM.COM registers a contact by its email (identity provider EMAIL), and this contact has no email"
    )
  }
  if (!wanted.first_name || !wanted.last_name) {
    return blocked("error", "CRM.COM registers a contact with a first and a last name, and this contact lacks one")
  }
  // a password held already (a registration that may have reached CRM.COM) is kept: it may be the one CRM.COM has
  const password = credentials?.password ?? generatePassword()
  const sends: Fields = Object.fromEntries(
    REGISTER_FIELDS.filter((key) => wanted[key] !== undefined).map((key) => [key, wanted[key]])
  )
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

function contactCall(
  externalId: string,
  token: string,
  changes: Fields,
  consentState: string | null,
  box: SecretBox
): ContactSyncCall {
  const auth = { contact_id: externalId, [SEALED.access_token]: box.seal(token) }
  if (Object.keys(changes).length) {
    return {
      operation: CrmComOperations.UpdateContact,
      payload: { ...auth, contact: crmComBody(changes) },
      sends: changes,
    }
  }
  return {
    operation: CrmComOperations.UpdateConsents,
    payload: { ...auth, consent_state: consentState },
    sends: { consent_state: consentState },
  }
}

/**
 * CRM.COM Self-Service API's flow for one contact: register it (EMAIL identity, a generated password stored sealed
 * before the call goes out; the contact id is the `sub` of the returned JWT), then `PUT` only the
 * fields that changed and the consent state, each with the contact's own token; refresh the token
 * before it expires, sign in again with the password when the refresh is refused, and ask for
 * linking by hand when CRM.COM refuses the password (a contact that existed before the plugin).
 */
export function plan(contact: ContactSnapshot, state: ContactSyncState, options: CrmComOptions): ContactSyncPlan {
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
  return {
    kind: "call",
    call: contactCall(state.external_id, credentials.access_token, changes, consentChanged ? consentState : null, box),
  }
}
