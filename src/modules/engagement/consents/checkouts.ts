import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../sql"

/**
 * Notes who completes a cart: the customer signed in on the request, or null for a guest. The
 * last completing request counts (a failed attempt may be followed by one with another login).
 */
export async function noteCheckoutActor(manager: SqlEntityManager, cartId: string, customerId: string | null): Promise<void> {
  await runSql(
    manager,
    `INSERT INTO engagement_checkout (id, cart_id, signed_in_customer_id, created_at, updated_at)
     VALUES (?, ?, ?, now(), now())
     ON CONFLICT (cart_id) WHERE cart_id IS NOT NULL AND deleted_at IS NULL
     DO UPDATE SET signed_in_customer_id = EXCLUDED.signed_in_customer_id, updated_at = now()`,
    [generateEntityId(undefined, "engco"), cartId, customerId]
  )
}
