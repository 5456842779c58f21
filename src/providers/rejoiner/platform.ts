import { MedusaError } from "@medusajs/framework/utils"
import type {
  EngagementPlatform,
  HttpMethod,
  OutboundMessage,
  PlatformRequest,
  ResendCheck,
} from "../../provider-api/types"
import { classifyHttpAnswer } from "../../provider-api/classify"
import { joinUrl } from "../../provider-api/url"
import { rejoinerContactSync } from "./contact-sync"
import { RejoinerOperations } from "./operations"
import { RejoinerOptions, rejoinerOptionsSchema } from "./options"

export const REJOINER = "rejoiner"

export { RejoinerOperations }

type RejoinerOperation = (typeof RejoinerOperations)[keyof typeof RejoinerOperations]

// the API's paths keep their trailing slash
const ROUTES: Record<RejoinerOperation, { method: HttpMethod; path: (payload: Record<string, unknown>) => string }> = {
  convert: { method: "POST", path: () => "/customer/convert/" },
  cancel: { method: "POST", path: () => "/customer/cancel/" },
  unsubscribe: { method: "POST", path: () => "/customer/unsubscribe/" },
  opt_in: { method: "POST", path: () => "/customer/opt_in/" },
  create_customer: { method: "POST", path: () => "/customers/" },
  update_customer: {
    method: "PUT",
    // the profile is addressed by the email it has on Rejoiner, which an email change replaces
    path: (payload) => `/customers/${encodeURIComponent(String(payload.customer_key ?? payload.email))}/`,
  },
}

/** The payload is the API's body, but for the key that addresses the profile in the path. */
function bodyOf(payload: Record<string, unknown>): Record<string, unknown> {
  const { customer_key: _key, ...body } = payload
  return body
}

function headersOf(options: RejoinerOptions): Record<string, string> {
  return {
    "Content-Type": "application/json",
    Accept: "application/json",
    Authorization: `Rejoiner ${options.api_key}`,
  }
}

function buildRejoinerRequest(message: OutboundMessage, options: RejoinerOptions): PlatformRequest {
  const route = ROUTES[message.operation as RejoinerOperation]
  if (!route) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Rejoiner has no operation "${message.operation}"`)
  }
  return {
    method: route.method,
    url: joinUrl(options.api_url, route.path(message.payload)),
    headers: headersOf(options),
    body: bodyOf(message.payload),
  }
}

/**
 * A profile creation whose earlier attempt may have arrived reads the profile first
 * (`GET /customers/EMAIL/`): found is the earlier creation; 404 means it did not arrive.
 * Rejoiner offers no such question for a conversion, an opt-in or a journey stop: they are resent
 * (see docs/delivery-guarantees.md).
 */
function rejoinerResendCheck(message: OutboundMessage, options: RejoinerOptions): ResendCheck | undefined {
  const email = message.payload.email
  if (message.operation !== RejoinerOperations.CreateCustomer || typeof email !== "string" || !email) {
    return undefined
  }
  const { Authorization, Accept } = headersOf(options)
  return {
    request: {
      method: "GET",
      url: joinUrl(options.api_url, `/customers/${encodeURIComponent(email)}/`),
      headers: { Authorization, Accept },
    },
    interpret(response) {
      if (response.status === 404) {
        return null
      }
      const outcome = classifyHttpAnswer(response)
      return outcome.kind === "delivered"
        ? { ...outcome, summary: { status: response.status, already_existed: true } }
        : outcome
    },
  }
}

/** Rejoiner REST API v1: the payload is the JSON body the API defines for the operation. */
export const rejoinerPlatform: EngagementPlatform<RejoinerOptions> = {
  id: REJOINER,
  displayName: "Rejoiner",
  operationLabels: {
    convert: "Conversion",
    cancel: "Journey stop",
    unsubscribe: "Unsubscribe",
    opt_in: "Opt-in",
    create_customer: "New customer",
    update_customer: "Customer update",
  },
  optionsSchema: rejoinerOptionsSchema,
  operations: Object.values(RejoinerOperations),
  buildRequest: buildRejoinerRequest,
  resendCheck: rejoinerResendCheck,
  contactSync: rejoinerContactSync,
}

export default rejoinerPlatform
