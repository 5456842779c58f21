import { MedusaError } from "@medusajs/framework/utils"
import { classifyHttpAnswer } from "../../provider-api/classify"
import type {
  DeliveryOutcome,
  EngagementPlatform,
  OutboundMessage,
  PlatformRequest,
  PlatformResponse,
  ResendCheck,
} from "../../provider-api/types"
import { joinUrl } from "../../provider-api/url"
import { crmComContactSync } from "./contact-sync"
import { loyaltyWriteRoute } from "./loyalty-write-requests"
import { decodeJwtPayload, decodeJwtSub } from "./jwt"
import { CONTACT_OPERATIONS, CrmComOperations, crmComOperationLabels, TOKEN_OPERATIONS } from "./operations"
import { CrmComOptions, crmComOptionsSchema } from "./options"
import { boxOf, openSealedValue, SEALED } from "./secrets"
import type { SecretBox } from "../../utils/secret-box"

export const CRMCOM = "crmcom"

export { CrmComOperations, decodeJwtPayload, decodeJwtSub }

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

function text(payload: Record<string, unknown>, key: string, operation: string): string {
  const value = payload[key]
  if (typeof value !== "string" || !value) {
    throw invalid(`CRM.COM ${operation} needs ${key}`)
  }
  return value
}

/** A secret must come sealed: a payload with it in clear would have kept it in clear in the outbox. */
function refuseClear(payload: Record<string, unknown>, key: string, operation: string) {
  if (payload[key] !== undefined) {
    throw invalid(`CRM.COM ${operation}: ${key} must be sent sealed (${key}_sealed), never in clear in the outbox`)
  }
}

function opened(payload: Record<string, unknown>, key: keyof typeof SEALED, operation: string, box: SecretBox): string {
  refuseClear(payload, key, operation)
  try {
    return openSealedValue(payload[SEALED[key]], SEALED[key], operation, box)
  } catch (error) {
    throw invalid((error as Error).message)
  }
}

function registerBody(
  payload: Record<string, unknown>,
  options: CrmComOptions,
  box: SecretBox
): Record<string, unknown> {
  const operation = CrmComOperations.RegisterContact
  const identity = payload.identity as Record<string, unknown> | undefined
  if (!identity || typeof identity.provider !== "string") {
    throw invalid("CRM.COM register_contact needs identity.provider")
  }
  refuseClear(identity, "password", operation)
  const { [SEALED.password]: sealed, ...clear } = identity
  const body: Record<string, unknown> = { ...clear }
  if (sealed !== undefined || identity.provider === "EMAIL") {
    body.password = opened(identity, "password", operation, box)
  }
  // the API makes validation_required mandatory for EMAIL identities
  if (identity.provider === "EMAIL" && identity.validation_required === undefined) {
    body.validation_required = options.validation_required
  }
  return { ...payload, identity: body }
}

function route(message: OutboundMessage, options: CrmComOptions, box: SecretBox): Omit<PlatformRequest, "headers"> {
  const { payload, operation } = message
  const url = (path: string) => joinUrl(options.api_url, path)
  const contactPath = () => `/contacts/${encodeURIComponent(text(payload, "contact_id", operation))}`
  switch (operation) {
    case CrmComOperations.RegisterContact:
      return { method: "POST", url: url("/contacts/register"), body: registerBody(payload, options, box) }
    case CrmComOperations.AuthenticateContact: {
      refuseClear(payload, "password", operation)
      const { [SEALED.password]: sealed, ...clear } = payload
      const body =
        sealed !== undefined || payload.provider === "EMAIL"
          ? { ...clear, password: opened(payload, "password", operation, box) }
          : clear
      return { method: "POST", url: url("/contacts/authenticate"), body }
    }
    case CrmComOperations.RefreshToken:
      return {
        method: "POST",
        url: url("/contacts/refresh"),
        body: { refresh_token: opened(payload, "refresh_token", operation, box) },
      }
    case CrmComOperations.UpdateContact:
      if (!payload.contact || typeof payload.contact !== "object") {
        throw invalid("CRM.COM update_contact needs the contact fields to update")
      }
      return { method: "PUT", url: url(contactPath()), body: payload.contact }
    case CrmComOperations.UpdateConsents:
      return {
        method: "PUT",
        url: url(`${contactPath()}/consents`),
        body: { consent_state: text(payload, "consent_state", operation) },
      }
    default: {
      const loyaltyWrite = loyaltyWriteRoute(message, options, box)
      if (!loyaltyWrite) {
        throw invalid(`CRM.COM has no operation "${operation}"`)
      }
      return loyaltyWrite
    }
  }
}

/**
 * The HTTP request of one outbox row. Passwords and tokens are in the payload only sealed with
 * the options' `encryption_key`; they are opened here, in memory, for this one request.
 */
function buildCrmComRequest(message: OutboundMessage, options: CrmComOptions): PlatformRequest {
  const box = boxOf(options)
  const request = route(message, options, box)
  const headers: Record<string, string> = {
    api_key: options.api_key,
    "Content-Type": "application/json",
    Accept: "application/json",
  }
  if (CONTACT_OPERATIONS.includes(message.operation)) {
    headers.Authorization = `Bearer ${opened(message.payload, "access_token", message.operation, box)}`
  }
  return { ...request, headers }
}

/** The API's error model: code, message and the attribute that caused the error. */
export function errorText(body: unknown): string {
  if (!body || typeof body !== "object") {
    return typeof body === "string" ? body.slice(0, 500) : ""
  }
  const { code, message, attribute } = body as Record<string, unknown>
  const parts = [code, message].filter((part) => part !== undefined && part !== null && part !== "").map(String)
  if (attribute) {
    parts.push(`(attribute: ${String(attribute)})`)
  }
  return parts.length ? parts.join(" ") : JSON.stringify(body).slice(0, 500)
}

/** A 401 about the publishable key rather than the contact (CRM.COM's API: INVALID_API_KEY on attribute api_key). */
function refusesApiKey(body: Record<string, unknown>): boolean {
  return body.attribute === "api_key" || (typeof body.code === "string" && /API_KEY/i.test(body.code))
}

/** The API's answer to registering a username that is taken (400 CONTACT_ALREADY_EXISTS), or a 409. */
function contactExists(status: number, body: Record<string, unknown>): boolean {
  return status === 409 || (status === 400 && body.code === "CONTACT_ALREADY_EXISTS")
}

/**
 * A token answer split in two: what the outbox may keep (the contact it is for and the expiry) and
 * the secrets (the tokens), which only the contact sync sees and keeps sealed.
 */
function tokenOutcome(status: number, body: Record<string, unknown>, accessToken: string): DeliveryOutcome {
  const claims = decodeJwtPayload(accessToken)
  const exp = Number(body.exp ?? claims?.exp)
  const hasExp = Number.isFinite(exp) && exp > 0
  const expiresAt = hasExp ? new Date(exp * 1000).toISOString() : null
  const contactId = decodeJwtSub(accessToken)
  return {
    kind: "delivered",
    external_id: contactId,
    summary: {
      status,
      contact_id: contactId,
      exp: hasExp ? exp : null,
      expires_at: expiresAt,
      expires_in: hasExp ? Math.max(0, exp - Math.floor(Date.now() / 1000)) : null,
      contact: body.contact ?? null,
    },
    secrets: {
      access_token: accessToken,
      // the API's refresh example sends back the very JWT it issued, and no answer names a separate one
      refresh_token: typeof body.refresh_token === "string" && body.refresh_token ? body.refresh_token : accessToken,
      expires_at: expiresAt,
    },
  }
}

function classifyCrmComAnswer(response: PlatformResponse, message: OutboundMessage): DeliveryOutcome {
  const outcome = classifyHttpAnswer(response)
  const body = response.body && typeof response.body === "object" ? (response.body as Record<string, unknown>) : {}
  if (outcome.kind === "delivered") {
    if (TOKEN_OPERATIONS.includes(message.operation) && typeof body.access_token === "string") {
      return tokenOutcome(response.status, body, body.access_token)
    }
    if (typeof body.auth_otp === "string") {
      // a PHONE registration: the contact must first confirm the one-time password
      return {
        kind: "delivered",
        external_id: null,
        summary: { status: response.status, otp_required: true, obfuscated_value: body.obfuscated_value },
        secrets: { auth_otp: body.auth_otp },
      }
    }
    if (TOKEN_OPERATIONS.includes(message.operation)) {
      // an answer without a token: keep nothing of its body that could be one
      return { kind: "delivered", external_id: null, summary: { status: response.status } }
    }
    const id = body.id
    return { ...outcome, external_id: typeof id === "string" || typeof id === "number" ? String(id) : null }
  }
  const reason = `CRM.COM answered ${response.status}: ${errorText(response.body) || "no details"}`
  if (response.status === 401 && refusesApiKey(body)) {
    return {
      kind: "failed",
      reason: `CRM.COM refused the api_key. ${reason}`,
      summary: { ...outcome.summary, api_key_rejected: true },
    }
  }
  if (response.status === 401 && CONTACT_OPERATIONS.includes(message.operation)) {
    return {
      kind: "failed",
      reason: `CRM.COM refused the contact's access token (expired or invalid): refresh it and send again. ${reason}`,
      summary: { status: response.status, body: response.body, token_rejected: true },
    }
  }
  if (response.status === 401) {
    return { ...outcome, kind: "failed", reason: `CRM.COM refused the api_key or the contact's credentials. ${reason}` }
  }
  if (
    message.operation === CrmComOperations.RegisterContact &&
    contactExists(response.status, body) &&
    message.in_doubt
  ) {
    // our own registration, resent after its first answer was lost (and not checked by signing in):
    // it arrived the first time; the sync signs in with the held password for the token
    return { kind: "delivered", external_id: null, summary: { status: response.status, already_existed: true } }
  }
  if (message.operation === CrmComOperations.RegisterContact && contactExists(response.status, body)) {
    return {
      kind: "failed",
      reason: `the contact already exists in CRM.COM. ${reason}`,
      summary: { ...outcome.summary, contact_exists: true },
    }
  }
  return { ...outcome, reason }
}

const REFUSED_SIGN_IN = [401, 403, 404]

/**
 * A registration whose earlier attempt may have arrived signs in first with the username and the
 * password it registered with: a token means the earlier registration arrived (delivered, as if
 * answered then); a refused sign-in means it did not, and the registration goes out now.
 */
function crmComResendCheck(message: OutboundMessage, options: CrmComOptions): ResendCheck | undefined {
  const identity = message.payload.identity as Record<string, unknown> | undefined
  if (
    message.operation !== CrmComOperations.RegisterContact ||
    identity?.provider !== "EMAIL" ||
    !identity[SEALED.password]
  ) {
    // contact updates and consent states set values: sending them twice changes nothing
    return undefined
  }
  const signIn: OutboundMessage = {
    ...message,
    operation: CrmComOperations.AuthenticateContact,
    payload: { provider: "EMAIL", username: identity.username, [SEALED.password]: identity[SEALED.password] },
  }
  return {
    request: buildCrmComRequest(signIn, options),
    interpret(response) {
      const outcome = classifyCrmComAnswer(response, signIn)
      if (outcome.kind === "delivered") {
        return { ...outcome, summary: { ...outcome.summary, already_existed: true } }
      }
      return REFUSED_SIGN_IN.includes(response.status) && !outcome.summary?.api_key_rejected ? null : outcome
    },
  }
}

/**
 * CRM.COM Self-Service API, contacts: register, authenticate, refresh the JWT,
 * update and set the consent state. Every call carries the publishable `api_key`; contact calls
 * also the contact's token. Passwords and tokens travel through the outbox only sealed.
 */
export const crmComPlatform: EngagementPlatform<CrmComOptions> = {
  id: CRMCOM,
  displayName: "CRM.COM",
  operationLabels: crmComOperationLabels,
  optionsSchema: crmComOptionsSchema,
  operations: Object.values(CrmComOperations),
  buildRequest: buildCrmComRequest,
  classifyResponse: classifyCrmComAnswer,
  resendCheck: crmComResendCheck,
  contactSync: crmComContactSync,
}

export default crmComPlatform
