import { classifyHttpAnswer } from "../../provider-api/classify"
import type { DeliveryOutcome, EngagementPlatform, PlatformResponse } from "../../provider-api/types"
import { joinUrl } from "../../provider-api/url"
import { RecensusOptions, recensusOptionsSchema } from "./options"
import { signRecensusRequest } from "./sign"

export const RECENSUS = "recensus"
export const RecensusOperations = { CustomerContactRequest: "customer_contact_request" } as const

function ccrUrl(options: RecensusOptions): string {
  return joinUrl(options.api_url, `/merchant/${encodeURIComponent(options.merchant_id)}/customer-contact-request`)
}

function classifyRecensusAnswer(response: PlatformResponse): DeliveryOutcome {
  const outcome = classifyHttpAnswer(response)
  if (response.status === 403) {
    return {
      ...outcome,
      kind: "failed",
      reason: `Recensus refused the token for this merchant (403): check RECENSUS_TOKEN and RECENSUS_MERCHANT_ID. ${
        outcome.kind === "failed" ? outcome.reason : ""
      }`.trim(),
    }
  }
  if (outcome.kind === "delivered") {
    const data = (response.body as { data?: { id?: unknown } } | null)?.data
    const id = data?.id
    return { ...outcome, external_id: id === undefined || id === null ? null : String(id) }
  }
  return outcome
}

/**
 * Recensus Customer Contact API: schedules the review-request email Recensus sends.
 * The payload is the CCR `data` section; the signature is made at send time because it
 * covers the configured URL and secret.
 */
export const recensusPlatform: EngagementPlatform<RecensusOptions> = {
  id: RECENSUS,
  displayName: "Recensus",
  operationLabels: {
    customer_contact_request: "Review request",
  },
  optionsSchema: recensusOptionsSchema,
  operations: Object.values(RecensusOperations),
  buildRequest(message, options) {
    const url = ccrUrl(options)
    const data = { ...(message.payload.data as Record<string, unknown>), merchant: options.merchant_id }
    return {
      method: "POST",
      url,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: {
        data,
        signedRequest: { token: options.token, signature: signRecensusRequest("POST", url, options.shared_secret) },
      },
    }
  },
  classifyResponse: classifyRecensusAnswer,
}

export default recensusPlatform
