import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { DeliveryOutcome } from "../../../provider-api/types"
import { runSql } from "../sql"
import type { DeliveryRecord } from "../types"
import type { RecordedOutcome } from "./queries"

/** One attempt's outcome to record; `outcome` is set when it has consequences to write with it. */
export interface PendingOutcome {
  recorded: RecordedOutcome
  /** the attempt as claimed: only the worker holding the claim records (see {@link recordOutcomes}) */
  attempt: number
  /**
   * What the platform answered, when the outcome has consequences written in its transaction: a
   * handler waits on the row's end, or a 429 pauses the platform's other rows.
   */
  outcome?: DeliveryOutcome
}

/**
 * Records outcomes with their consequences in one transaction: the rows as saved, then each one's
 * consequences (the outbox's `recordOutcomes_`). Returns the ids saved.
 */
export type SettleOutcomes = (batch: PendingOutcome[]) => Promise<Set<string>>

interface Queued extends PendingOutcome {
  /** when it was queued */
  at: number
  resolve: (saved: boolean) => void
  reject: (error: unknown) => void
}

/**
 * Records attempts' outcomes several at a time: while writes are on their way (`maxWriting` of
 * them), the outcomes that arrive meanwhile wait and go together in the next (group commit). A
 * batch of outcomes nothing waits on is one statement; a batch with outcomes some handler waits on
 * (a review request, a contact's sync, an erasure's stop call) or a 429's pause is one transaction:
 * one statement for the rows, then the handlers. At a platform's full concurrency that is a fraction of a statement per delivery instead
 * of one, or of a transaction per delivery. The rule is {@link recordOutcomes}'s: only the attempt
 * that holds the claim is recorded; `false` when it no longer held it.
 *
 * A batch whose transaction fails is written again one outcome at a time, so that the failure
 * reaches only the attempt at fault: its handlers' work was rolled back with its row, so running
 * them again is still their one run.
 */
export class OutcomeWriter {
  private queue: Queued[] = []
  private writing = 0
  private gathering: NodeJS.Timeout | null = null

  constructor(
    private readonly manager: SqlEntityManager,
    private readonly settle: SettleOutcomes,
    private readonly maxBatch = 200,
    /**
     * writes on their way at once, each on a connection of its own: a batch whose handlers take a
     * few statements a row would otherwise hold every later outcome back for all of them
     */
    private readonly maxWriting = 4,
    /**
     * A write starts once this many outcomes wait, or once the first of them has waited `ms`
     * (gathering a batch when outcomes come slower than writes end, as at a platform's lower
     * concurrency, where each would otherwise be a statement of its own). Writes at once by default.
     */
    private readonly gather: { rows: number; ms: number } = { rows: 1, ms: 0 }
  ) {}

  record(pending: PendingOutcome): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ ...pending, at: Date.now(), resolve, reject })
      this.startWrites()
    })
  }

  private startWrites(): void {
    if (!this.queue.length) {
      return
    }
    // the queue's first outcome is its oldest (writes take from the front)
    const waited = Date.now() - this.queue[0].at
    if (this.queue.length < this.gather.rows && waited < this.gather.ms) {
      this.gathering ??= setTimeout(() => {
        this.gathering = null
        this.startWrites()
      }, this.gather.ms - waited)
      return
    }
    if (this.gathering !== null) {
      clearTimeout(this.gathering)
      this.gathering = null
    }
    while (this.writing < this.maxWriting && this.queue.length) {
      this.writing++
      void this.writeNext().finally(() => {
        this.writing--
        this.startWrites()
      })
    }
  }

  private async writeNext(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch)
    try {
      this.settled(batch, await this.write(batch))
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error)
        return
      }
      for (const entry of batch) {
        await this.write([entry]).then(
          (saved) => this.settled([entry], saved),
          (alone) => entry.reject(alone)
        )
      }
    }
  }

  private settled(batch: Queued[], saved: Set<string>): void {
    for (const entry of batch) {
      entry.resolve(saved.has(entry.recorded.id))
    }
  }

  private async write(batch: Queued[]): Promise<Set<string>> {
    const pending = batch.map(({ recorded, attempt, outcome }) => ({ recorded, attempt, outcome }))
    if (pending.some((entry) => entry.outcome)) {
      return await this.settle(pending)
    }
    const rows = await recordOutcomes(this.manager, pending)
    return new Set(rows.map((row) => row.id))
  }
}

/**
 * Ends several attempts in one statement; only the worker holding the claim can record one: the row
 * is `sending` for the attempt it claimed. A worker whose lease was taken over (the row's attempts
 * moved on) records nothing, so its late answer never overwrites the newer attempt's outcome.
 * Returns the rows saved, as they now are (whole when some outcome has consequences to write).
 */
export async function recordOutcomes(manager: SqlEntityManager, batch: PendingOutcome[]): Promise<DeliveryRecord[]> {
  const values = batch.map(({ recorded, attempt }) => ({
    id: recorded.id,
    attempt,
    status: recorded.status,
    refund: recorded.refund_attempt ?? false,
    retry_ms: recorded.retry_in_ms ?? 0,
    last_error: recorded.last_error ?? null,
    response_status: recorded.response_status ?? null,
    response_summary: recorded.response_summary ?? null,
    external_id: recorded.external_id ?? null,
    in_doubt: recorded.in_doubt ?? null,
  }))
  return await runSql<DeliveryRecord>(
    manager,
    // a 429 (the attempt refunded) pauses the platform until its Retry-After: the row holds the
    // pause in locked_until, which every process's claim reads (outbox/claim.ts)
    `UPDATE engagement_delivery d SET status = v.status, updated_at = now(),
       locked_until = CASE WHEN v.refund THEN now() + (v.retry_ms * interval '1 millisecond') ELSE NULL END,
       attempts = CASE WHEN v.refund THEN GREATEST(d.attempts - 1, 0) ELSE d.attempts END,
       next_attempt_at = CASE WHEN v.status = 'pending' THEN now() + (v.retry_ms * interval '1 millisecond') ELSE d.next_attempt_at END,
       delivered_at = CASE WHEN v.status = 'delivered' THEN now() ELSE d.delivered_at END,
       last_error = v.last_error, response_status = COALESCE(v.response_status, d.response_status),
       response_summary = COALESCE(v.response_summary, d.response_summary), external_id = COALESCE(v.external_id, d.external_id),
       in_doubt = COALESCE(v.in_doubt, d.in_doubt)
     FROM jsonb_to_recordset(?::jsonb) AS v(id text, attempt int, status text, refund boolean, retry_ms bigint,
       last_error text, response_status int, response_summary jsonb, external_id text, in_doubt boolean)
     WHERE d.id = v.id AND d.id = ANY(?::text[]) AND d.status = 'sending' AND d.attempts = v.attempt
     RETURNING ${batch.some((entry) => entry.outcome) ? "d.*" : "d.id"}`,
    // the ids again as an array: the planner counts them (see optionalIn in utils/sql.ts)
    [JSON.stringify(values), values.map((value) => value.id)]
  )
}
