import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { DeliveryOutcome } from "../../../provider-api/types"
import type { DeliveryRecord } from "../types"

/** What a delivery's end means for whatever made it (a review request, a contact's sync). */
export type OutcomeHandler = (
  manager: SqlEntityManager,
  ended: DeliveryRecord,
  outcome: DeliveryOutcome
) => Promise<void>

/**
 * Who is told when a delivery ends, registered by the capability that makes such deliveries: by
 * platform and `operation`, or for every operation of a platform (`"*"`). The outbox knows no
 * consumer; it looks the delivery up here, in the transaction that records the outcome.
 */
export class OutcomeHandlers {
  protected readonly handlers_ = new Map<
    string,
    { handler: OutcomeHandler; wants: (delivery: DeliveryRecord) => boolean }[]
  >()

  /** `wants` narrows which of those deliveries the handler waits on (default: all of them). */
  on(
    platform: string,
    operation: string | "*",
    handler: OutcomeHandler,
    wants: (delivery: DeliveryRecord) => boolean = () => true
  ): this {
    const key = `${platform}\u0000${operation}`
    this.handlers_.set(key, [...(this.handlers_.get(key) ?? []), { handler, wants }])
    return this
  }

  protected handlersOf_(delivery: DeliveryRecord) {
    return [
      ...(this.handlers_.get(`${delivery.platform}\u0000${delivery.operation}`) ?? []),
      ...(this.handlers_.get(`${delivery.platform}\u0000*`) ?? []),
    ].filter((entry) => entry.wants(delivery))
  }

  /**
   * Whether anything waits on this delivery's end. Only those outcomes need recording together with
   * their consequences in one transaction; any other is a single statement.
   */
  wants(delivery: DeliveryRecord): boolean {
    return this.handlersOf_(delivery).length > 0
  }

  async apply(manager: SqlEntityManager, ended: DeliveryRecord, outcome: DeliveryOutcome): Promise<void> {
    for (const { handler } of this.handlersOf_(ended)) {
      await handler(manager, ended, outcome)
    }
  }
}
