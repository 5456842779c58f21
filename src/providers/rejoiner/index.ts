import { MedusaError } from "@medusajs/framework/utils"
import type { EngagementPlatform, HttpMethod } from "../types"
import { joinUrl } from "../url"
import { rejoinerContactSync } from "./contact-sync"
import { RejoinerOperations } from "./operations"
import { RejoinerOptions, rejoinerOptionsSchema } from "./options"

export const REJOINER = "rejoiner"

export { RejoinerOperations }

type RejoinerOperation = (typeof RejoinerOperations)[keyof typeof RejoinerOperations]

// the seed's paths keep their trailing slash
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

/** The payload is the seed's body, but for the key that addresses the profile in the path. */
function bodyOf(payload: Record<string, unknown>): Record<string, unknown> {
  const { customer_key: _key, ...body } = payload
  return body
}

/** Rejoiner REST API v1: the payload is the JSON body the seed defines for the operation. */
export const rejoinerPlatform: EngagementPlatform<RejoinerOptions> = {
  id: REJOINER,
  displayName: "Rejoiner",
  optionsSchema: rejoinerOptionsSchema,
  operations: Object.values(RejoinerOperations),
  buildRequest(message, options) {
    const route = ROUTES[message.operation as RejoinerOperation]
    if (!route) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Rejoiner has no operation "${message.operation}"`)
    }
    return {
      method: route.method,
      url: joinUrl(options.api_url, route.path(message.payload)),
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        Authorization: `Rejoiner ${options.api_key}`,
      },
      body: bodyOf(message.payload),
    }
  },
  contactSync: rejoinerContactSync,
}

export default rejoinerPlatform
