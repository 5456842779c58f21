import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { DeliveryOrigin, DeliveryOutcome } from "../../../provider-api/types"
import type { DeliveryRecord } from "../types"

/** What a delivery's end means for whatever made it (a review request, a contact's sync). */
export type OutcomeHandler = (
  manager: SqlEntityManager,
  ended: DeliveryRecord,
  outcome: DeliveryOutcome
) => Promise<void>

/** Which deliveries a handler waits on: a platform's rows of one origin, of one operation or of any. */
export interface OutcomeKey {
  platform: string
  origin: DeliveryOrigin
  /** every operation of the origin when left out */
  operation?: string
}

const keyOf = (platform: string, origin: string, operation = "") => `${platform}\u0000${origin}\u0000${operation}`

/**
 * Who is told when a delivery ends, registered by the capability that makes such deliveries, by
 * the origin it records on them. The outbox knows no consumer; it looks the delivery up here, in
 * the transaction that records the outcome.
 */
export class OutcomeHandlers {
  protected readonly handlers_ = new Map<string, OutcomeHandler[]>()

  on({ platform, origin, operation }: OutcomeKey, handler: OutcomeHandler): this {
    const key = keyOf(platform, origin, operation)
    this.handlers_.set(key, [...(this.handlers_.get(key) ?? []), handler])
    return this
  }

  protected handlersOf_(delivery: DeliveryRecord): OutcomeHandler[] {
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
    for (const handler of this.handlersOf_(ended)) {
      await handler(manager, ended, outcome)
    }
  }
}
