import { MedusaError } from "@medusajs/framework/utils"
import { classifyHttpAnswer } from "../classify"
import type { DeliveryOutcome, EngagementPlatform, OutboundMessage, PlatformRequest, PlatformResponse } from "../types"
import { joinUrl } from "../url"
import { CrmComOptions, crmComOptionsSchema } from "./options"

export const CRMCOM = "crmcom"

export const CrmComOperations = {
  RegisterContact: "register_contact",
  AuthenticateContact: "authenticate_contact",
  RefreshToken: "refresh_token",
  UpdateContact: "update_contact",
  UpdateConsents: "update_consents",
} as const

const TOKEN_OPERATIONS: readonly string[] = [
  CrmComOperations.RegisterContact,
  CrmComOperations.AuthenticateContact,
  CrmComOperations.RefreshToken,
]
const CONTACT_OPERATIONS: readonly string[] = [CrmComOperations.UpdateContact, CrmComOperations.UpdateConsents]

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/** The claims of a JWT, read without checking its signature (only CRM.COM can, and need not). */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const part = token.split(".")[1]
  if (!part) {
    return null
  }
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"))
    return claims && typeof claims === "object" && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** The contact id CRM.COM puts in the `sub` claim of its access token. */
export function decodeJwtSub(token: string): string | null {
  const sub = decodeJwtPayload(token)?.sub
  return typeof sub === "string" && sub ? sub : null
}

function text(payload: Record<string, unknown>, key: string, operation: string): string {
  const value = payload[key]
  if (typeof value !== "string" || !value) {
    throw invalid(`CRM.COM ${operation} needs ${key}`)
  }
  return value
}

function registerBody(payload: Record<string, unknown>, options: CrmComOptions): Record<string, unknown> {
  const identity = payload.identity as Record<string, unknown> | undefined
  if (!identity || typeof identity.provider !== "string") {
    throw invalid("CRM.COM register_contact needs identity.provider")
  }
  // the seed makes validation_required mandatory for EMAIL identities
  if (identity.provider === "EMAIL" && identity.validation_required === undefined) {
    return { ...payload, identity: { ...identity, validation_required: options.validation_required } }
  }
  return payload
}

function route(message: OutboundMessage, options: CrmComOptions): Omit<PlatformRequest, "headers"> {
  const { payload, operation } = message
  const url = (path: string) => joinUrl(options.api_url, path)
  const contactPath = () => `/contacts/${encodeURIComponent(text(payload, "contact_id", operation))}`
  switch (operation) {
    case CrmComOperations.RegisterContact:
      return { method: "POST", url: url("/contacts/register"), body: registerBody(payload, options) }
    case CrmComOperations.AuthenticateContact:
      return { method: "POST", url: url("/contacts/authenticate"), body: payload }
    case CrmComOperations.RefreshToken:
      return { method: "POST", url: url("/contacts/refresh"), body: { refresh_token: text(payload, "refresh_token", operation) } }
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
    default:
      throw invalid(`CRM.COM has no operation "${operation}"`)
  }
}

function buildCrmComRequest(message: OutboundMessage, options: CrmComOptions): PlatformRequest {
  const request = route(message, options)
  const headers: Record<string, string> = {
    api_key: options.api_key,
    "Content-Type": "application/json",
    Accept: "application/json",
  }
  if (CONTACT_OPERATIONS.includes(message.operation)) {
    headers.Authorization = `Bearer ${text(message.payload, "access_token", message.operation)}`
  }
  return { ...request, headers }
}

/** The seed's error model: code, message and the attribute that caused the error. */
function errorText(body: unknown): string {
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

/** What the outbox keeps of a token answer: the tokens, their expiry and the contact they are for. */
function tokenSummary(status: number, body: Record<string, unknown>, accessToken: string) {
  const claims = decodeJwtPayload(accessToken)
  const exp = Number(body.exp ?? claims?.exp)
  const hasExp = Number.isFinite(exp) && exp > 0
  return {
    status,
    contact_id: decodeJwtSub(accessToken),
    access_token: accessToken,
    // the seed's refresh example sends back the very JWT it issued, and no answer names a separate one
    refresh_token: typeof body.refresh_token === "string" ? body.refresh_token : accessToken,
    exp: hasExp ? exp : null,
    expires_at: hasExp ? new Date(exp * 1000).toISOString() : null,
    expires_in: hasExp ? Math.max(0, exp - Math.floor(Date.now() / 1000)) : null,
    contact: body.contact ?? null,
  }
}

function classifyCrmComAnswer(response: PlatformResponse, message: OutboundMessage): DeliveryOutcome {
  const outcome = classifyHttpAnswer(response)
  const body = response.body && typeof response.body === "object" ? (response.body as Record<string, unknown>) : {}
  if (outcome.kind === "delivered") {
    if (TOKEN_OPERATIONS.includes(message.operation) && typeof body.access_token === "string") {
      const summary = tokenSummary(response.status, body, body.access_token)
      return { kind: "delivered", external_id: summary.contact_id, summary }
    }
    if (typeof body.auth_otp === "string") {
      // a PHONE registration: the contact must first confirm the one-time password
      const summary = { status: response.status, otp_required: true, auth_otp: body.auth_otp, obfuscated_value: body.obfuscated_value }
      return { kind: "delivered", external_id: null, summary }
    }
    const id = body.id
    return { ...outcome, external_id: typeof id === "string" || typeof id === "number" ? String(id) : null }
  }
  const reason = `CRM.COM answered ${response.status}: ${errorText(response.body) || "no details"}`
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
  return { ...outcome, reason }
}

/**
 * CRM.COM Self-Service API (seed 003), contacts: register, authenticate, refresh the JWT,
 * update and set the consent state. Every call carries the publishable `api_key`; contact calls
 * also the contact's token (`{ contact_id, access_token, ... }` in the payload).
 */
export const crmComPlatform: EngagementPlatform<CrmComOptions> = {
  id: CRMCOM,
  displayName: "CRM.COM",
  optionsSchema: crmComOptionsSchema,
  operations: Object.values(CrmComOperations),
  buildRequest: buildCrmComRequest,
  classifyResponse: classifyCrmComAnswer,
}

export default crmComPlatform
