import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { addToTotals, inTransaction, lockOrder } from "./totals"

export interface OrderFactInput {
  order_id: string
  customer_id: string
  currency_code: string
  total: string
  item_count: number
  placed_at: Date | string
  canceled_at: Date | string | null
  returned_count: number
}

/**
 * Writes the order's fact, replacing the previous one: a repeated event writes the same row. The
 * customer's running totals take the change (the previous fact's part out, the new one's in), in
 * the same transaction, under a lock of the order, so they always equal the sum of the facts.
 */
export async function upsertOrderFact(manager: SqlEntityManager, fact: OrderFactInput): Promise<void> {
  const rawTotal = JSON.stringify({ value: fact.total, precision: 20 })
  await inTransaction(manager, async (trx) => {
    const previous = await lockOrder(trx, fact.order_id)
    await trx.raw(
      `INSERT INTO engagement_order_fact (id, order_id, customer_id, currency_code, total, raw_total, item_count, placed_at,
         canceled_at, returned_count, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?::timestamptz, ?::timestamptz, ?, now(), now())
       ON CONFLICT (order_id) WHERE deleted_at IS NULL DO UPDATE SET
         customer_id = EXCLUDED.customer_id, currency_code = EXCLUDED.currency_code, total = EXCLUDED.total,
         raw_total = EXCLUDED.raw_total, item_count = EXCLUDED.item_count, placed_at = EXCLUDED.placed_at,
         canceled_at = EXCLUDED.canceled_at, returned_count = EXCLUDED.returned_count, updated_at = now()`,
      [
        generateEntityId(undefined, "engof"),
        fact.order_id,
        fact.customer_id,
        fact.currency_code,
        fact.total,
        rawTotal,
        fact.item_count,
        new Date(fact.placed_at).toISOString(),
        fact.canceled_at ? new Date(fact.canceled_at).toISOString() : null,
        fact.returned_count,
      ]
    )
    if (previous) {
      await addToTotals(trx, previous, -1)
    }
    await addToTotals(trx, { ...fact, total: String(fact.total) }, 1)
  })
}

/** Removes an order's fact (undoing its first recording) and its part of the customer's totals. */
export async function removeOrderFact(manager: SqlEntityManager, orderId: string): Promise<void> {
  await inTransaction(manager, async (trx) => {
    const previous = await lockOrder(trx, orderId)
    if (!previous) {
      return
    }
    await trx.raw(`DELETE FROM engagement_order_fact WHERE order_id = ? AND deleted_at IS NULL`, [orderId])
    await addToTotals(trx, previous, -1)
  })
}
