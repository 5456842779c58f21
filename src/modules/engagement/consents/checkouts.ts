import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../sql"

/**
 * Notes who completes a cart: the customer signed in on the request, or null for a guest. The
 * last completing request counts (a failed attempt may be followed by one with another login).
 */
export async function noteCheckoutActor(
  manager: SqlEntityManager,
  cartId: string,
  customerId: string | null
): Promise<void> {
  // raw SQL: an upsert on a partial unique index (ON CONFLICT … WHERE) has no ORM form
  await runSql(
    manager,
    `INSERT INTO engagement_checkout (id, cart_id, signed_in_customer_id, created_at, updated_at)
     VALUES (?, ?, ?, now(), now())
     ON CONFLICT (cart_id) WHERE cart_id IS NOT NULL AND deleted_at IS NULL
     DO UPDATE SET signed_in_customer_id = EXCLUDED.signed_in_customer_id, updated_at = now()`,
    [generateEntityId(undefined, "engco"), cartId, customerId]
  )
}

export interface CheckoutOutcomeRow {
  id: string
  order_id: string | null
  consents: Record<string, unknown> | null
}

/**
 * Keeps what became of an order's checkout choices on its checkout row (by cart, else by order),
 * in one statement: two runs for one order at once both end on the row. Returns the row as it was
 * before (null when this made it), for the compensation.
 */
export async function saveCheckoutOutcome(
  manager: SqlEntityManager,
  input: { cart_id: string | null; order_id: string; consents: Record<string, unknown> }
): Promise<{ id: string; previous: CheckoutOutcomeRow | null }> {
  const key = input.cart_id ? "cart_id" : "order_id"
  // raw SQL: the row before and an upsert on a partial unique index, which the ORM cannot express atomically
  const [before] = await runSql<CheckoutOutcomeRow>(
    manager,
    `SELECT id, order_id, consents FROM engagement_checkout WHERE ${key} = ? AND deleted_at IS NULL`,
    [input.cart_id ?? input.order_id]
  )
  const [saved] = await runSql<{ id: string }>(
    manager,
    `INSERT INTO engagement_checkout (id, cart_id, order_id, consents, created_at, updated_at)
     VALUES (?, ?, ?, ?::jsonb, now(), now())
     ON CONFLICT (${key}) WHERE ${key} IS NOT NULL AND deleted_at IS NULL
     DO UPDATE SET order_id = EXCLUDED.order_id, consents = EXCLUDED.consents, updated_at = now()
     RETURNING id`,
    [generateEntityId(undefined, "engco"), input.cart_id, input.order_id, JSON.stringify(input.consents)]
  )
  return { id: saved.id, previous: before ?? null }
}
