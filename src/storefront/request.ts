import type { ClientHeaders, FetchArgs } from "@medusajs/js-sdk"
import type { StoreEngagementLoyaltyWriteAccepted } from "../types"
import { EngagementStoreError } from "./errors"

/**
 * What the storefront client needs of a `@medusajs/js-sdk` instance (`new Medusa({...})`): its
 * `client.fetch`. Typed structurally, so the storefront entry imports nothing of the SDK at run time.
 */
export interface EngagementSdk {
  client: { fetch<T>(input: string, init?: FetchArgs): Promise<T> }
}

/**
 * Per call: `headers` are added to the SDK's own (a Next.js server action passes the shopper's
 * `authorization` from its cookie here, as the DTC starter's `getAuthHeaders()` does); `signal`
 * aborts the call.
 */
export interface EngagementCallOptions {
  headers?: ClientHeaders
  signal?: AbortSignal
}

type Method = "GET" | "POST" | "DELETE"

/** One store route: the SDK does the JSON and the auth; every failure becomes an `EngagementStoreError`. */
export async function call<T>(
  sdk: EngagementSdk,
  method: Method,
  path: string,
  options: EngagementCallOptions | undefined,
  request: { query?: Record<string, unknown>; body?: Record<string, unknown> } = {}
): Promise<T> {
  const init: FetchArgs = { method }
  if (options?.headers) {
    init.headers = options.headers
  }
  if (options?.signal) {
    init.signal = options.signal
  }
  if (request.query && Object.values(request.query).some((value) => value !== undefined)) {
    init.query = request.query
  }
  if (request.body) {
    init.body = request.body
  }
  try {
    return await sdk.client.fetch<T>(path, init)
  } catch (error) {
    throw EngagementStoreError.from(error)
  }
}

/** A path segment from an id: encoded, so an id can never reach another route. */
export const segment = (id: string): string => encodeURIComponent(id)

/**
 * While a platform keeps the shopper's points, a write it has not answered yet is a 202 with this
 * body instead of the route's usual answer (the write is sent shortly).
 */
export type OrAccepted<T> = T | StoreEngagementLoyaltyWriteAccepted

/** True when a write answered 202: the platform that keeps the points has not confirmed it yet. */
export function isAccepted<T extends object>(answer: OrAccepted<T>): answer is StoreEngagementLoyaltyWriteAccepted {
  return (answer as { type?: unknown }).type === "accepted"
}
