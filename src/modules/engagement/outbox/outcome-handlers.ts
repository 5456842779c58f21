import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { DeliveryOutcome } from "../provider-api/types"
import type { DeliveryRecord } from "../types"

/** What a delivery's end means for whatever made it (a review request, a contact's sync). */
export type OutcomeHandler = (manager: SqlEntityManager, ended: DeliveryRecord, outcome: DeliveryOutcome) => Promise<void>

/**
 * Who is told when a delivery ends, registered by the capability that makes such deliveries: by
 * platform and `operation`, or for every operation of a platform (`"*"`). The outbox knows no
 * consumer; it looks the delivery up here, in the transaction that records the outcome.
 */
export class OutcomeHandlers {
  protected readonly handlers_ = new Map<string, OutcomeHandler[]>()

  on(platform: string, operation: string | "*", handler: OutcomeHandler): this {
    const key = `${platform}\u0000${operation}`
    this.handlers_.set(key, [...(this.handlers_.get(key) ?? []), handler])
    return this
  }

  async apply(manager: SqlEntityManager, ended: DeliveryRecord, outcome: DeliveryOutcome): Promise<void> {
    const handlers = [
      ...(this.handlers_.get(`${ended.platform}\u0000${ended.operation}`) ?? []),
      ...(this.handlers_.get(`${ended.platform}\u0000*`) ?? []),
    ]
    for (const handler of handlers) {
      await handler(manager, ended, outcome)
    }
  }
}
