import type { IEventBusModuleService, Message } from "@medusajs/framework/types"
import type { Knex } from "knex"

/** The engagement work an order.placed leaves in the database, counted row by row. */
export interface OrderWork {
  review_requests: number
  order_facts: number
  conversions: number
  earn_rows: number
  checkout_outcomes: number
  checkout_consents: number
}

export const NO_WORK: OrderWork = {
  review_requests: 0,
  order_facts: 0,
  conversions: 0,
  earn_rows: 0,
  checkout_outcomes: 0,
  checkout_consents: 0,
}

/**
 * Each order's work, read straight from the tables (the test's own connection, so it works for a
 * store in another process too): its review-request decisions, statistics facts, cart conversion
 * rows, earn rows, checkout consent outcomes and checkout consent ledger rows.
 */
export async function orderWorkOf(knex: Knex, orderIds: string[]): Promise<Record<string, OrderWork>> {
  const count = async (sql: string, id: string) => Number((await knex.raw(sql, [id])).rows[0].count)
  const work: Record<string, OrderWork> = {}
  for (const id of orderIds) {
    work[id] = {
      review_requests: await count(
        `SELECT count(*) FROM engagement_review_request WHERE order_id = ? AND deleted_at IS NULL`,
        id
      ),
      order_facts: await count(
        `SELECT count(*) FROM engagement_order_fact WHERE order_id = ? AND deleted_at IS NULL`,
        id
      ),
      conversions: await count(
        `SELECT count(*) FROM engagement_delivery WHERE idempotency_key LIKE 'conversion:' || ? || ':%'`,
        id
      ),
      earn_rows: await count(
        `SELECT count(*) FROM loyalty_transaction WHERE order_id = ? AND type = 'earn' AND deleted_at IS NULL`,
        id
      ),
      checkout_outcomes: await count(
        `SELECT count(*) FROM engagement_checkout WHERE order_id = ? AND consents IS NOT NULL AND deleted_at IS NULL`,
        id
      ),
      checkout_consents: await count(
        `SELECT count(*) FROM engagement_consent WHERE id LIKE 'engcon_checkout_' || ? || '_%' AND deleted_at IS NULL`,
        id
      ),
    }
  }
  return work
}

/**
 * The store's events named `names` are dropped from now on, as a crash or a lost queue would lose
 * them; the returned function restores the event bus.
 */
export function dropEvents(eventBus: IEventBusModuleService, names: string[]): () => void {
  const emit = eventBus.emit.bind(eventBus)
  eventBus.emit = async <T>(data: Message<T> | Message<T>[], options?: Record<string, unknown>) => {
    const kept = (Array.isArray(data) ? data : [data]).filter((event) => !names.includes(event.name))
    if (kept.length) {
      await emit(kept, options)
    }
  }
  return () => {
    eventBus.emit = emit
  }
}
