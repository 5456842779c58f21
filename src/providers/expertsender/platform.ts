import { MedusaError } from "@medusajs/framework/utils"
import { classifyHttpAnswer } from "../../provider-api/classify"
import type {
  DeliveryOutcome,
  EngagementPlatform,
  OutboundMessage,
  PlatformRequest,
  PlatformResponse,
} from "../../provider-api/types"
import { joinUrl } from "../../provider-api/url"
import { expertSenderContactSync } from "./contact-sync"
import { ExpertSenderOperations } from "./operations"
import { EXPERTSENDER_MODES, ExpertSenderOptions, expertSenderOptionsSchema } from "./options"

export const EXPERTSENDER = "expertsender"

export { ExpertSenderOperations }

type ExpertSenderOperation = (typeof ExpertSenderOperations)[keyof typeof ExpertSenderOperations]

// the API's four read-only lookups; `{id}` etc. in its examples are placeholders, not literal braces
const LOOKUP_PATHS: Record<string, (value: string) => string> = {
  get_customer_by_id: (value) => `/customers/id/${encodeURIComponent(value)}`,
  get_customer_by_email: (value) => `/customers/email/${encodeURIComponent(value)}`,
  // ExpertSender's API: "phone number 123 456 789" is queried as 123456789
  get_customer_by_phone: (value) => `/customers/phone/${encodeURIComponent(value.replace(/\s+/g, ""))}`,
  get_customer_by_crm_id: (value) => `/customers/crmId/${encodeURIComponent(value)}`,
}

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

function upsertBody(payload: Record<string, unknown>, options: ExpertSenderOptions): Record<string, unknown> {
  if (!EXPERTSENDER_MODES.includes(payload.mode as (typeof EXPERTSENDER_MODES)[number])) {
    throw invalid(`ExpertSender upsert_customers needs a mode of ${EXPERTSENDER_MODES.join(", ")}`)
  }
  if (!Array.isArray(payload.data) || payload.data.length === 0) {
    throw invalid("ExpertSender upsert_customers needs a non-empty data array")
  }
  // the account's default identification field when the caller does not choose one
  return { ...payload, matchBy: payload.matchBy ?? options.match_by }
}

function buildExpertSenderRequest(message: OutboundMessage, options: ExpertSenderOptions): PlatformRequest {
  const operation = message.operation as ExpertSenderOperation
  if (operation === ExpertSenderOperations.UpsertCustomers) {
    return {
      method: "POST",
      url: joinUrl(options.api_url, "/customers"),
      headers: { "x-api-key": options.api_key, "Content-Type": "application/json", Accept: "application/json" },
      body: upsertBody(message.payload, options),
    }
  }
  const path = LOOKUP_PATHS[operation]
  if (!path) {
    throw invalid(`ExpertSender has no operation "${message.operation}"`)
  }
  const value = message.payload.value
  if ((typeof value !== "string" && typeof value !== "number") || String(value).trim() === "") {
    throw invalid(`ExpertSender ${operation} needs a value to look up`)
  }
  return {
    method: "GET",
    url: joinUrl(options.api_url, path(String(value))),
    headers: { "x-api-key": options.api_key, Accept: "application/json" },
  }
}

/** The API's problem-details error body (type, title, status, detail, instance, errors) in one line. */
function problemText(body: unknown): string {
  if (!body || typeof body !== "object") {
    return typeof body === "string" ? body.slice(0, 500) : ""
  }
  const problem = body as { title?: unknown; detail?: unknown; errors?: unknown }
  const errors = Array.isArray(problem.errors)
    ? problem.errors.map(String)
    : problem.errors && typeof problem.errors === "object"
      ? Object.entries(problem.errors).map(([field, messages]) => `${field}: ${[messages].flat().join(", ")}`)
      : []
  return [problem.title, problem.detail, errors.join("; ")]
    .filter((part) => typeof part === "string" && part)
    .join(" - ")
}

function classifyExpertSenderAnswer(response: PlatformResponse, message: OutboundMessage): DeliveryOutcome {
  const outcome = classifyHttpAnswer(response)
  const isLookup = message.operation in LOOKUP_PATHS
  const summary = { status: response.status, body: response.body }
  if (isLookup && response.status === 200) {
    const byId = message.operation === ExpertSenderOperations.GetCustomerById
    return {
      kind: "delivered",
      external_id: byId ? String(message.payload.value) : null,
      summary: { ...summary, found: true },
    }
  }
  // "the data you are looking for is not on the server" answers the lookup; sending again changes nothing
  if (isLookup && response.status === 404) {
    return { kind: "delivered", external_id: null, summary: { ...summary, found: false } }
  }
  if (response.status === 401) {
    return {
      kind: "failed",
      reason:
        `ExpertSender refused the API key (401): check EXPERTSENDER_API_KEY. ${problemText(response.body)}`.trim(),
      summary,
    }
  }
  if (outcome.kind === "failed") {
    const text = problemText(response.body)
    return { ...outcome, reason: text ? `ExpertSender answered ${response.status}: ${text}` : outcome.reason }
  }
  return outcome.kind === "delivered" ? { ...outcome, external_id: null } : outcome
}

/**
 * ExpertSender ECDP Customers API. `upsert_customers` sends the API's
 * `{ mode, matchBy, data }` body as is; the lookups take `{ value }`.
 */
export const expertSenderPlatform: EngagementPlatform<ExpertSenderOptions> = {
  id: EXPERTSENDER,
  displayName: "ExpertSender",
  operationLabels: {
    upsert_customers: "Customer update",
    get_customer_by_id: "Customer lookup by id",
    get_customer_by_email: "Customer lookup by email",
    get_customer_by_phone: "Customer lookup by phone",
    get_customer_by_crm_id: "Customer lookup by CRM id",
  },
  optionsSchema: expertSenderOptionsSchema,
  operations: Object.values(ExpertSenderOperations),
  buildRequest: buildExpertSenderRequest,
  classifyResponse: classifyExpertSenderAnswer,
  contactSync: expertSenderContactSync,
}

export default expertSenderPlatform
