import { z } from "@medusajs/framework/zod"

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/** What a platform needs to send one outbox row. */
export interface OutboundMessage {
  id: string
  platform: string
  operation: string
  payload: Record<string, unknown>
  idempotency_key: string
  attempts: number
  /**
   * An earlier attempt of this row may have reached the platform without its answer reaching us
   * (the worker died mid-call, or the call timed out). Classifiers read an "already exists" answer
   * to such a resend as the earlier call having arrived.
   */
  in_doubt?: boolean
}

export interface PlatformRequest {
  method: HttpMethod
  url: string
  headers: Record<string, string>
  body?: unknown
}

export interface PlatformResponse {
  status: number
  headers: Record<string, string>
  /** the parsed JSON answer, or the raw text when it is not JSON */
  body: unknown
}

/**
 * How an answer ends an attempt:
 * - delivered: done, never sent again;
 * - retry: a passing fault (5xx, 429, timeout, refused connection), tried again with backoff;
 * - failed: the platform will never accept this call as it is (most 4xx); kept for replay.
 */
export type DeliveryOutcome =
  | {
      kind: "delivered"
      external_id?: string | null
      summary?: Record<string, unknown>
      /** handed to the contact sync (which seals them) and never written to the outbox row */
      secrets?: Record<string, unknown>
    }
  | { kind: "retry"; reason: string; retry_after_ms?: number; summary?: Record<string, unknown> }
  | { kind: "failed"; reason: string; summary?: Record<string, unknown> }

/** Settings every platform has, whatever its own options. */
export const commonPlatformOptionsSchema = z.object({
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(64)
    .default(4)
    .describe(
      "how many calls to this platform are in flight at once, counted across every process sharing the database"
    ),
  timeout_ms: z
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(10_000)
    .describe("how long one call may take before it counts as a timeout (retried)"),
  dry_run: z
    .boolean()
    .default(false)
    .describe(
      "build, sign and store every call as it would be sent, and send nothing (docs/delivery-guarantees.md, section Dry-run)"
    ),
})
export type CommonPlatformOptions = z.infer<typeof commonPlatformOptionsSchema>

/**
 * One external platform. A new platform is one folder exporting one of these,
 * listed once in `./index.ts`.
 */
export interface EngagementPlatform<Options extends CommonPlatformOptions = CommonPlatformOptions> {
  /** the key under `platforms` in the plugin options, and the `platform` of its outbox rows */
  readonly id: string
  readonly displayName: string
  /** validated at start-up: a wrong option stops the server with a message naming it */
  readonly optionsSchema: z.ZodType<Options, unknown>
  readonly operations: readonly string[]
  /**
   * What each operation does, as a noun phrase the admin shows instead of its id ("Conversion",
   * "Customer lookup by CRM id"); an operation without one is shown by its id, underscores as spaces.
   */
  readonly operationLabels?: Readonly<Record<string, string>>
  buildRequest(message: OutboundMessage, options: Options): PlatformRequest
  /** defaults to {@link classifyHttpAnswer} */
  classifyResponse?(response: PlatformResponse, message: OutboundMessage, options: Options): DeliveryOutcome
  /** present when the platform keeps a copy of every contact (profile and consents) */
  contactSync?: ContactSyncer<Options>
  /**
   * Before resending a call whose earlier attempt may have arrived ({@link OutboundMessage.in_doubt}),
   * how to ask the platform whether it did. Undefined for a call the platform cannot be asked about
   * (or that is idempotent anyway): it is resent as it is.
   */
  resendCheck?(message: OutboundMessage, options: Options): ResendCheck | undefined
}

/** A switched-on platform as the outbox and the contact sync use it: its definition and validated options. */
export interface EnabledPlatform<Options extends CommonPlatformOptions = CommonPlatformOptions> {
  readonly id: string
  readonly platform: EngagementPlatform<Options>
  readonly options: Options
}

/** A question to the platform about an earlier attempt whose answer was lost. */
export interface ResendCheck {
  request: PlatformRequest
  /**
   * The earlier attempt's outcome when the answer shows it arrived (`delivered`), a passing or
   * permanent fault of the check itself (`retry`, `failed`), or null when it did not arrive:
   * the call is then sent now.
   */
  interpret(response: PlatformResponse): DeliveryOutcome | null
}

/** A consent as the contact sync sends it: the ledger's latest row of a purpose. */
export interface SnapshotConsent {
  value: "False" | "AwaitingConfirmation" | "True"
  source: string
  recorded_at: string
  wording: string | null
  info: Record<string, unknown> | null
}

/**
 * Everything the plugin knows about one contact, as every platform's sync reads it: the contact
 * profile (kept up to date from the Medusa customer, its default address and its orders) and the
 * current consents.
 */
export interface ContactSnapshot {
  customer_id: string
  email: string | null
  /** without spaces */
  phone: string | null
  crm_id: string | null
  first_name: string | null
  last_name: string | null
  /** YYYY-MM-DD */
  date_of_birth: string | null
  gender: "Male" | "Female" | "NotSpecified" | null
  /** two-letter language code, when known */
  language: string | null
  address: ContactAddress | null
  custom_attributes: Record<string, string>
  /** purchase statistics, as strings (platforms take custom attributes as strings) */
  statistics: Record<string, string>
  /** purpose -> its current value and proof */
  consents: Record<string, SnapshotConsent>
}

export type ContactAddress = {
  address_1: string | null
  address_2: string | null
  city: string | null
  province: string | null
  postal_code: string | null
  /** ISO 3166-1 alpha-2, upper case */
  country_code: string | null
}

/** What the plugin remembers about one contact on one platform. */
export interface ContactSyncState {
  /** the platform's id of the contact, once known */
  external_id: string | null
  /** the values the platform holds as far as the plugin knows: what its delivered calls sent */
  last_sent: Record<string, unknown>
  /** platform credentials of the contact, sealed by the platform itself (never in clear at rest) */
  credentials: string | null
}

/** One call a contact's sync makes next. */
export interface ContactSyncCall {
  operation: string
  payload: Record<string, unknown>
  /** merged into `last_sent` once the call is delivered */
  sends?: Record<string, unknown>
  /** attempts before the outbox gives up on this call (a fallback can follow); the outbox default otherwise */
  max_attempts?: number
}

/** The next step of a contact's sync. */
export type ContactSyncPlan =
  /** the platform is up to date */
  | { kind: "done" }
  | { kind: "call"; call: ContactSyncCall; credentials?: string | null }
  /** the contact cannot be synced as it is (e.g. no email); shown in the admin, tried again on the next change */
  | { kind: "blocked"; status: ContactSyncProblem; reason: string }

export type ContactSyncProblem = "conflict" | "needs_linking" | "error"

/** A sync call the outbox has finished with. */
export interface EndedContactCall {
  operation: string
  payload: Record<string, unknown>
  sends?: Record<string, unknown>
  status: "delivered" | "failed" | "dead"
  external_id: string | null
  summary: Record<string, unknown> | null
  /** what the answer held that must not be kept in clear (tokens); never stored in the outbox */
  secrets?: Record<string, unknown>
  reason: string | null
}

/** What an ended call makes of the contact's sync state. */
export interface ContactSyncSettlement {
  /** plan the next call now (a lookup answered, a token refreshed, more changes waiting) */
  again: boolean
  /** set when the sync cannot go on by itself */
  problem?: { status: ContactSyncProblem; reason: string }
  /** undefined keeps the stored value */
  external_id?: string | null
  credentials?: string | null
  /** replaces `last_sent`; by default a delivered call's `sends` are merged into it */
  last_sent?: Record<string, unknown>
  /** a call to enqueue at once instead of planning (a fallback for a call that kept failing) */
  fallback?: ContactSyncCall
}

export interface ContactSyncContext {
  /** the configured consent purposes */
  purposes: Record<string, { channel: "email" | "sms" }>
}

/**
 * How a platform keeps its copy of each contact up to date: a pure planner (what to call next,
 * from the contact and what the platform already has) and what an ended call changes.
 */
export interface ContactSyncer<Options extends CommonPlatformOptions = CommonPlatformOptions> {
  plan(
    contact: ContactSnapshot,
    state: ContactSyncState,
    options: Options,
    context: ContactSyncContext
  ): ContactSyncPlan
  settle(call: EndedContactCall, state: ContactSyncState, options: Options): ContactSyncSettlement
  /** calls of this operation from several contacts go out as one request */
  batch?: {
    operation: string
    size(options: Options): number
    merge(payloads: Record<string, unknown>[]): Record<string, unknown>
  }
}

/**
 * One outbox call as a capability builds it (a conversion, a review request, a journey stop, an
 * erasure's stop call): the plugin adds its origin when it writes the row.
 */
export interface PlatformCall {
  platform: string
  operation: string
  payload: Record<string, unknown>
  idempotency_key: string
  customer_id?: string | null
  order_id?: string | null
  subject_id?: string | null
  /** attempts before the row is dead; the outbox option by default */
  max_attempts?: number
  /** when to make the first attempt; now by default */
  not_before?: Date | string
}

/**
 * Which of the plugin's capabilities made an outbox row. Whatever waits on a row's end (a contact's
 * sync, an erasure's redaction, a review request) is told by origin, not by its key or operation:
 * an erasure's stop calls use the same operations as a contact's sync.
 */
export const DELIVERY_ORIGINS = [
  "cart_conversion",
  "review_request",
  "journey_cancellation",
  "contact_sync",
  "contact_lookup",
  "loyalty_source",
  "erasure",
] as const
export type DeliveryOrigin = (typeof DELIVERY_ORIGINS)[number]

/** One outbox row to write: a platform's call and the capability it comes from. */
export interface EnqueueDeliveryInput extends PlatformCall {
  origin: DeliveryOrigin
}
