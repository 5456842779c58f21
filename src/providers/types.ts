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
  | { kind: "delivered"; external_id?: string | null; summary?: Record<string, unknown> }
  | { kind: "retry"; reason: string; retry_after_ms?: number; summary?: Record<string, unknown> }
  | { kind: "failed"; reason: string; summary?: Record<string, unknown> }

/** Settings every platform has, whatever its own options. */
export const commonPlatformOptionsSchema = z.object({
  /** how many calls to this platform one process makes at once */
  concurrency: z.number().int().min(1).max(64).default(4),
  /** how long one call may take before it counts as a timeout (retried) */
  timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
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
  buildRequest(message: OutboundMessage, options: Options): PlatformRequest
  /** defaults to {@link classifyHttpAnswer} */
  classifyResponse?(response: PlatformResponse, message: OutboundMessage, options: Options): DeliveryOutcome
}
