import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { DeliveryOrigin, DeliveryOutcome } from "../../../provider-api/types"
import type { DeliveryRecord } from "../types"

/** What a delivery's end means for whatever made it (a review request, a contact's sync). */
export type OutcomeHandler = (
  manager: SqlEntityManager,
  ended: DeliveryRecord,
  outcome: DeliveryOutcome
) => Promise<void>

/**
 * The same for several deliveries ended together (one transaction), for a handler whose rows are
 * written in one go whatever their number; `outcomes[i]` is what the platform answered for `ended[i]`.
 */
export type OutcomeBatchHandler = (
  manager: SqlEntityManager,
  ended: DeliveryRecord[],
  outcomes: DeliveryOutcome[]
) => Promise<void>

/** Which deliveries a handler waits on: a platform's rows of one origin, of one operation or of any. */
export interface OutcomeKey {
  platform: string
  origin: DeliveryOrigin
  /** every operation of the origin when left out */
  operation?: string
}

type Registered = { each: OutcomeHandler } | { all: OutcomeBatchHandler }

const keyOf = (platform: string, origin: string, operation = "") => `${platform}\u0000${origin}\u0000${operation}`

/**
 * Who is told when a delivery ends, registered by the capability that makes such deliveries, by
 * the origin it records on them. The outbox knows no consumer; it looks the delivery up here, in
 * the transaction that records the outcome.
 */
export class OutcomeHandlers {
  protected readonly handlers_ = new Map<string, Registered[]>()

  on(key: OutcomeKey, handler: OutcomeHandler): this {
    return this.register_(key, { each: handler })
  }

  /** A handler told of the deliveries that ended together in one call (see {@link OutcomeBatchHandler}). */
  onAll(key: OutcomeKey, handler: OutcomeBatchHandler): this {
    return this.register_(key, { all: handler })
  }

  protected register_({ platform, origin, operation }: OutcomeKey, registered: Registered): this {
    const key = keyOf(platform, origin, operation)
    this.handlers_.set(key, [...(this.handlers_.get(key) ?? []), registered])
    return this
  }

  protected handlersOf_(delivery: DeliveryRecord): Registered[] {
    return [
      ...(this.handlers_.get(keyOf(delivery.platform, delivery.origin, delivery.operation)) ?? []),
      ...(this.handlers_.get(keyOf(delivery.platform, delivery.origin)) ?? []),
    ]
  }

  /**
   * Whether anything waits on this delivery's end. Only those outcomes need recording together with
   * their consequences in one transaction; any other is a single statement.
   */
  wants(delivery: DeliveryRecord): boolean {
    return this.handlersOf_(delivery).length > 0
  }

  async apply(manager: SqlEntityManager, ended: DeliveryRecord, outcome: DeliveryOutcome): Promise<void> {
    await this.applyAll(manager, [{ ended, outcome }])
  }

  /**
   * Tells the handlers of several deliveries ended in one transaction: each row's own handlers in
   * the rows' order, then each batch handler once with all of its rows.
   */
  async applyAll(manager: SqlEntityManager, all: { ended: DeliveryRecord; outcome: DeliveryOutcome }[]): Promise<void> {
    const batches = new Map<OutcomeBatchHandler, { ended: DeliveryRecord[]; outcomes: DeliveryOutcome[] }>()
    for (const { ended, outcome } of all) {
      for (const registered of this.handlersOf_(ended)) {
        if ("each" in registered) {
          await registered.each(manager, ended, outcome)
        } else {
          const batch = batches.get(registered.all) ?? { ended: [], outcomes: [] }
          batch.ended.push(ended)
          batch.outcomes.push(outcome)
          batches.set(registered.all, batch)
        }
      }
    }
    for (const [handler, { ended, outcomes }] of batches) {
      await handler(manager, ended, outcomes)
    }
  }
}
