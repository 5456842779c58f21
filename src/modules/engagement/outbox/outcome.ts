import type { OutboxOptions } from "../options"
import type { DeliveryRecord } from "../types"
import { backoffDelayMs } from "./backoff"
import type { RecordedOutcome } from "./queries"
import type { AttemptOutcome } from "./send"

/**
 * What an attempt's outcome makes of the row: delivered; failed for good; pending again after
 * backoff (or `Retry-After`, whichever is longer); or dead once its attempts are used up. A 429
 * waits exactly its `Retry-After` and does not use up an attempt.
 *
 * The row stays in doubt (a later resend checks first) once an attempt may have arrived without
 * its answer reaching us, until the platform says whether it did.
 */
export function toRecordedOutcome(
  delivery: Pick<DeliveryRecord, "id" | "attempts" | "max_attempts"> & { in_doubt?: boolean },
  outcome: AttemptOutcome,
  outbox: Pick<OutboxOptions, "base_delay_ms" | "max_delay_ms">,
  random?: () => number
): RecordedOutcome {
  const base = {
    id: delivery.id,
    response_status: outcome.status ?? null,
    response_summary: outcome.summary ?? null,
    in_doubt: !!outcome.unanswered || (!!delivery.in_doubt && !outcome.doubt_cleared),
  }
  if (outcome.kind === "delivered") {
    return { ...base, status: "delivered", external_id: outcome.external_id ?? null, last_error: null }
  }
  if (outcome.kind === "failed") {
    return { ...base, status: "failed", last_error: outcome.reason }
  }
  if (outcome.status === 429) {
    // asked to slow down: not a failure, so the attempt is given back and the row waits as told
    const wait =
      outcome.retry_after_ms ?? backoffDelayMs(delivery.attempts, outbox.base_delay_ms, outbox.max_delay_ms, random)
    return { ...base, status: "pending", last_error: outcome.reason, retry_in_ms: wait, refund_attempt: true }
  }
  if (delivery.attempts >= delivery.max_attempts) {
    return { ...base, status: "dead", last_error: `${outcome.reason} (gave up after ${delivery.attempts} attempts)` }
  }
  const backoff = backoffDelayMs(delivery.attempts, outbox.base_delay_ms, outbox.max_delay_ms, random)
  return {
    ...base,
    status: "pending",
    last_error: outcome.reason,
    retry_in_ms: Math.max(backoff, outcome.retry_after_ms ?? 0),
  }
}
