import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"
import type { RecordedOutcome } from "./queries"

interface Pending {
  outcome: RecordedOutcome
  attempt: number
  resolve: (saved: boolean) => void
  reject: (error: unknown) => void
}

/**
 * Records the outcomes of attempts that change nothing but their own row, several in one statement:
 * while one write is on its way, the outcomes that arrive meanwhile wait and go together in the
 * next (group commit). At a platform's full concurrency that is a fraction of a statement per
 * delivery instead of one. The rule is {@link recordOutcome}'s: only the attempt that holds the
 * claim (the row `sending`, its attempts as claimed) is recorded; `false` when it no longer was.
 */
export class OutcomeWriter {
  private queue: Pending[] = []
  private writing = false

  constructor(
    private readonly manager: SqlEntityManager,
    private readonly maxBatch = 200
  ) {}

  record(outcome: RecordedOutcome, attempt: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ outcome, attempt, resolve, reject })
      if (!this.writing) {
        void this.drain()
      }
    })
  }

  private async drain(): Promise<void> {
    this.writing = true
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch)
        try {
          const saved = await this.write(batch)
          for (const entry of batch) {
            entry.resolve(saved.has(entry.outcome.id))
          }
        } catch (error) {
          for (const entry of batch) {
            entry.reject(error)
          }
        }
      }
    } finally {
      this.writing = false
    }
  }

  private async write(batch: Pending[]): Promise<Set<string>> {
    const values = batch.map(({ outcome, attempt }) => ({
      id: outcome.id,
      attempt,
      status: outcome.status,
      refund: outcome.refund_attempt ?? false,
      retry_ms: outcome.retry_in_ms ?? 0,
      last_error: outcome.last_error ?? null,
      response_status: outcome.response_status ?? null,
      response_summary: outcome.response_summary ?? null,
      external_id: outcome.external_id ?? null,
      in_doubt: outcome.in_doubt ?? null,
    }))
    const rows = await runSql<{ id: string }>(
      this.manager,
      `UPDATE engagement_delivery d SET status = v.status, locked_until = NULL, updated_at = now(),
         attempts = CASE WHEN v.refund THEN GREATEST(d.attempts - 1, 0) ELSE d.attempts END,
         next_attempt_at = CASE WHEN v.status = 'pending' THEN now() + (v.retry_ms * interval '1 millisecond') ELSE d.next_attempt_at END,
         delivered_at = CASE WHEN v.status = 'delivered' THEN now() ELSE d.delivered_at END,
         last_error = v.last_error, response_status = COALESCE(v.response_status, d.response_status),
         response_summary = COALESCE(v.response_summary, d.response_summary), external_id = COALESCE(v.external_id, d.external_id),
         in_doubt = COALESCE(v.in_doubt, d.in_doubt)
       FROM jsonb_to_recordset(?::jsonb) AS v(id text, attempt int, status text, refund boolean, retry_ms bigint,
         last_error text, response_status int, response_summary jsonb, external_id text, in_doubt boolean)
       WHERE d.id = v.id AND d.status = 'sending' AND d.attempts = v.attempt
       RETURNING d.id`,
      [JSON.stringify(values)]
    )
    return new Set(rows.map((row) => row.id))
  }
}
