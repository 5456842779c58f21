import { joinUrl } from "../../provider-api/url"
import type { EngageOptions } from "./options"

/** An Engage URL: the configured base, an `/api/v3/...` path and the query, when it has one. */
export function engageUrl(options: Pick<EngageOptions, "api_url">, path: string, query?: URLSearchParams): string {
  return joinUrl(options.api_url, path) + (query && query.toString() ? `?${query}` : "")
}

/** Engage authenticates every call with the `apikey` header. */
export function engageHeaders(options: Pick<EngageOptions, "api_key">, withBody: boolean): Record<string, string> {
  return {
    apikey: options.api_key,
    Accept: "application/json",
    ...(withBody ? { "Content-Type": "application/json" } : {}),
  }
}
