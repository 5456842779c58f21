import type { StoreEngagementPlatformError } from "../types"

/** The error types the plugin answers with (Medusa's, plus the platform failures of a 424). */
export type EngagementStoreErrorType =
  | "invalid_data"
  | "not_allowed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "duplicate_error"
  | StoreEngagementPlatformError["type"]
  | "unknown_error"

/** What the status alone says when the answer's `type` did not reach us (see `EngagementStoreError.from`). */
const TYPE_OF_STATUS: Record<number, EngagementStoreErrorType> = {
  400: "invalid_data",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  422: "duplicate_error",
  424: "platform_unavailable",
}

/** The plugin's 4xx messages start with the field they are about: `points: must be a whole number`. */
const FIELD_PREFIX = /^([A-Za-z_][\w.[\]-]*): /

type ErrorBody = Partial<StoreEngagementPlatformError> & { type?: string; message?: string }

function bodyOf(error: Record<string, unknown>): ErrorBody | null {
  for (const key of ["body", "data", "json"]) {
    const value = error[key]
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return value as ErrorBody
    }
  }
  return null
}

/**
 * Every failure of a storefront call: the HTTP `status`, the plugin's error `type`, the `field` its
 * message names (null when it names none), the `message`, and for a 424 the `platform` that failed.
 *
 * `@medusajs/js-sdk` (2.21) hands on only the status and the message of an error answer: `type`
 * then comes from the status (a 400 reads as `invalid_data`, a 424 as `platform_unavailable`) and
 * `platform`, `failed` and `retry_after` are null. A client whose `fetch` error carries the answer's
 * body (`body`, `data` or `json`) gives them all as the plugin sent them.
 */
export class EngagementStoreError extends Error {
  readonly name = "EngagementStoreError"
  readonly status: number
  readonly type: EngagementStoreErrorType | string
  readonly field: string | null
  /** the platform that failed (424 only) */
  readonly platform: string | null
  /** what could not be done (424 only), e.g. "promotions" */
  readonly failed: string | null
  /** seconds to wait before trying again, when the platform said (424 only) */
  readonly retryAfter: number | null

  constructor(init: {
    status: number
    message: string
    type?: string
    platform?: string | null
    failed?: string | null
    retryAfter?: number | null
  }) {
    super(init.message)
    this.status = init.status
    this.type = init.type ?? TYPE_OF_STATUS[init.status] ?? "unknown_error"
    this.field = FIELD_PREFIX.exec(init.message)?.[1] ?? null
    this.platform = init.status === 424 ? (init.platform ?? null) : null
    this.failed = init.status === 424 ? (init.failed ?? null) : null
    this.retryAfter = init.status === 424 ? (init.retryAfter ?? null) : null
  }

  /** The typed error of anything a call threw: a js-sdk `FetchError`, an error carrying the body, or a network failure (status 0). */
  static from(error: unknown): EngagementStoreError {
    if (error instanceof EngagementStoreError) {
      return error
    }
    const record = (error && typeof error === "object" ? error : {}) as Record<string, unknown>
    const status = typeof record.status === "number" ? record.status : 0
    const body = bodyOf(record)
    const message =
      (typeof body?.message === "string" && body.message) ||
      (typeof record.message === "string" && record.message) ||
      (status ? `request failed with status ${status}` : "network error")
    return new EngagementStoreError({
      status,
      message,
      type: typeof body?.type === "string" ? body.type : status ? undefined : "unknown_error",
      platform: body?.platform,
      failed: body?.failed,
      retryAfter: body?.retry_after,
    })
  }
}

/** True for an error a storefront call threw (narrows `unknown` in a `catch`). */
export function isEngagementStoreError(error: unknown): error is EngagementStoreError {
  return error instanceof EngagementStoreError
}
