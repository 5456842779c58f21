import type { SecretBox } from "../../utils/secret-box"
import { answeredStatus, withoutMarkers } from "../contact-sync/diff"
import type { ContactSyncSettlement, ContactSyncState, EndedContactCall } from "../../provider-api/types"
import { decodeJwtSub } from "./jwt"
import { CrmComOperations } from "./operations"
import type { CrmComOptions } from "./options"
import { boxOf, CrmComCredentials, openCredentials, openSealedValue, SEALED } from "./secrets"
import { EXISTS, Fields, MAX_TOKEN_REJECTIONS, NEEDS_LINKING, TOKEN_EXPIRY_MARGIN_MS } from "./contact-markers"

/** An `exp` already (almost) past when CRM.COM hands the token out says nothing: use the token until refused. */
function trustedExpiry(value: unknown): string | null {
  const at = typeof value === "string" ? Date.parse(value) : NaN
  return Number.isNaN(at) || at - Date.now() <= TOKEN_EXPIRY_MARGIN_MS ? null : new Date(at).toISOString()
}

/** The username and password a token call was made with: the held ones, else the call's own. */
function signInOf(
  call: EndedContactCall,
  credentials: CrmComCredentials | null,
  box: SecretBox
): Pick<CrmComCredentials, "username" | "password"> | null {
  if (credentials?.username && credentials.password) {
    return { username: credentials.username, password: credentials.password }
  }
  const source = (call.operation === CrmComOperations.RegisterContact ? call.payload.identity : call.payload) as
    Fields | undefined
  try {
    const username = source?.username
    const password = openSealedValue(source?.[SEALED.password], SEALED.password, call.operation, box)
    return typeof username === "string" ? { username, password } : null
  } catch {
    return null
  }
}

/** A registration, sign-in or refresh answered: keep the tokens sealed and the contact id. */
function signedIn(
  call: EndedContactCall,
  state: ContactSyncState,
  credentials: CrmComCredentials | null,
  box: SecretBox
): ContactSyncSettlement {
  const secrets = call.secrets ?? {}
  const accessToken = typeof secrets.access_token === "string" && secrets.access_token ? secrets.access_token : null
  const held = signInOf(call, credentials, box)
  const registered = call.operation === CrmComOperations.RegisterContact
  const sent = registered ? (call.sends ?? {}) : {}
  if (!held) {
    return {
      again: false,
      problem: {
        status: "needs_linking",
        reason:
          "CRM.COM answered, but the plugin lost the contact's password: link it in CRM.COM, then sync it again with reset",
      },
    }
  }
  if (!accessToken) {
    if (registered) {
      // registered, but no token in the answer: sign in for one
      return {
        again: true,
        credentials: box.seal({
          ...held,
          confirmed: true,
          rejections: credentials?.rejections ?? 0,
        } satisfies CrmComCredentials),
        last_sent: { ...withoutMarkers(state.last_sent), ...sent },
      }
    }
    return {
      again: false,
      problem: { status: "error", reason: `CRM.COM answered ${call.operation} without an access token` },
    }
  }
  const summary = call.summary ?? {}
  const contactId =
    decodeJwtSub(accessToken) ??
    call.external_id ??
    (typeof summary.contact_id === "string" ? summary.contact_id : null)
  if (!contactId) {
    return {
      again: false,
      problem: {
        status: "error",
        reason: `CRM.COM's access token of ${call.operation} names no contact (no sub claim)`,
      },
    }
  }
  const next: CrmComCredentials = {
    ...held,
    confirmed: true,
    access_token: accessToken,
    refresh_token:
      typeof secrets.refresh_token === "string" && secrets.refresh_token ? secrets.refresh_token : accessToken,
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
    ...(credentials
      ? { credentials: box.seal({ ...withoutTokens(credentials), confirmed: false } satisfies CrmComCredentials) }
      : {}),
    // keyed by the username while the contact has no CRM.COM id: another email may register
    last_sent: { ...lastSent, [NEEDS_LINKING]: { username: state.external_id ? null : username, reason: full } },
  }
}

const REFUSED_SIGN_IN = [401, 403, 404]

export function settle(call: EndedContactCall, state: ContactSyncState, options: CrmComOptions): ContactSyncSettlement {
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
        return credentials?.rejections
          ? { again: true, credentials: box.seal({ ...credentials, rejections: 0 }) }
          : { again: true }
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
      return {
        again: false,
        problem: { status: "error", reason: `CRM.COM refused to register the contact: ${call.reason ?? "no details"}` },
      }
    }
    case CrmComOperations.AuthenticateContact:
      if (status !== null && REFUSED_SIGN_IN.includes(status)) {
        return needsLinking(
          call,
          state,
          credentials,
          credentials?.username ?? String(call.payload.username ?? "the contact"),
          box
        )
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
