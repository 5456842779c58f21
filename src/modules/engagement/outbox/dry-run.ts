import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { OutboxOptions } from "../options"
import type {
  CommonPlatformOptions,
  DeliveryOutcome,
  EnabledPlatform,
  OutboundMessage,
  PlatformRequest,
} from "../../../provider-api/types"
import { runSql } from "../sql"
import type { DeliveryRecord } from "../types"

/** What a dry-run row keeps of the request it did not send. */
export interface DryRunRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

export const MASKED = "***"
/** why a dry-run row was not sent, and what whoever waits on it is told */
export const DRY_RUN_REASON = "dry run: not sent"

// header values shown as they are: they say what is sent, never who sends it
const PLAIN_HEADERS = new Set(["content-type", "accept", "idempotency-key"])
// body fields that hold a credential (a contact's password and tokens, an API token in the body, or a
// signature that is the same for every call to a URL and so as good as the secret): masked like a header
const SECRET_ENDINGS = ["password", "passwd", "secret", "token", "apikey", "authorization", "signature"]
const isSecretField = (key: string) => {
  const name = key.toLowerCase().replace(/[-_]/g, "")
  return SECRET_ENDINGS.some((ending) => name.endsWith(ending))
}

function maskBody(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(maskBody)
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, field]) => [
        key,
        isSecretField(key) && field !== null && field !== undefined && typeof field !== "object"
          ? MASKED
          : maskBody(field),
      ])
    )
  }
  return value
}

/**
 * The request as the transport sends it (with its `Idempotency-Key`), every header value but the
 * content type, accept and idempotency key masked, and credential fields of the body masked.
 */
export function maskRequest(request: PlatformRequest, idempotencyKey: string): DryRunRequest {
  const headers = { ...request.headers, "Idempotency-Key": idempotencyKey }
  return {
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, PLAIN_HEADERS.has(name.toLowerCase()) ? value : MASKED])
    ),
    body: request.body === undefined ? null : maskBody(request.body),
  }
}

/** Whether calls to this platform are only built and stored: the global switch or the platform's own. */
export function isDryRun(outbox: Pick<OutboxOptions, "dry_run">, options: Pick<CommonPlatformOptions, "dry_run">) {
  return !!outbox.dry_run || !!options.dry_run
}

/**
 * Builds a claimed row's request exactly as the transport would (the platform's `buildRequest`,
 * signing included) without sending it. A row that cannot be built fails as it would when sent.
 */
export function buildDryRun(
  enabled: EnabledPlatform,
  message: OutboundMessage
): { request: DryRunRequest } | { outcome: DeliveryOutcome } {
  try {
    return { request: maskRequest(enabled.platform.buildRequest(message, enabled.options), message.idempotency_key) }
  } catch (error) {
    return { outcome: { kind: "failed", reason: `cannot build the request: ${(error as Error).message}` } }
  }
}

/**
 * Ends a claimed row as `dry_run` with its request. Only the attempt that holds the claim is
 * recorded (as for any outcome); a `dry_run` row is never claimed, swept or retried again.
 */
export async function recordDryRun(
  manager: SqlEntityManager,
  delivery: Pick<DeliveryRecord, "id" | "attempts">,
  request: DryRunRequest
): Promise<DeliveryRecord | null> {
  const [row] = await runSql<DeliveryRecord>(
    manager,
    `UPDATE engagement_delivery SET status = 'dry_run', locked_until = NULL, updated_at = now(),
       last_attempt_at = now(), last_error = ?, dry_run_request = ?::jsonb
     WHERE id = ? AND status = 'sending' AND attempts = ?
     RETURNING *`,
    [DRY_RUN_REASON, JSON.stringify(request), delivery.id, delivery.attempts]
  )
  return row ?? null
}
