import { createHash } from "node:crypto"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"

/** The customer id as the erasure record keeps it: a SHA-256, so that no row leads back to the shopper. */
export const subjectHashOf = (customerId: string) =>
  createHash("sha256").update(`engagement-erasure:${customerId}`).digest("hex")

/** The pseudonym an erasure gives the rows it keeps (`erased:<erasure id>`): never a customer to rebuild. */
export const isErasedPseudonym = (customerId: string) => customerId.startsWith("erased:")

export interface ErasedCustomer {
  customer_id: string
  /** when their last erasure was made (null for a pseudonym) */
  erased_at: Date | null
}

/**
 * Of these customers, those erased who have not acted since their last erasure: no order placed
 * after it (an order fact), no profile change of their own (`resumed_at`, set by the store's profile
 * route) and no consent they gave themselves; pseudonyms (`erased:…`) too. Bulk paths (the backfill,
 * the contact sync, the loyalty jobs, the statistics rebuild) must not rebuild or send them.
 */
export async function listErasedCustomers(manager: SqlEntityManager, customerIds: string[]): Promise<ErasedCustomer[]> {
  const ids = [...new Set(customerIds)].filter((id) => typeof id === "string" && id.length > 0)
  const pseudonyms = ids.filter(isErasedPseudonym).map((id) => ({ customer_id: id, erased_at: null }))
  const real = ids.filter((id) => !isErasedPseudonym(id))
  if (!real.length) {
    return pseudonyms
  }
  const subjects = JSON.stringify(real.map((id) => ({ customer_id: id, subject_hash: subjectHashOf(id) })))
  // raw SQL: the latest erasure of each subject with NOT EXISTS over two other tables has no ORM form
  const rows = await runSql<{ customer_id: string; erased_at: Date | string }>(
    manager,
    `SELECT s.customer_id, erasure.created_at AS erased_at FROM jsonb_to_recordset(?::jsonb) AS s(customer_id text, subject_hash text)
     JOIN LATERAL (
       SELECT e.created_at, e.resumed_at FROM engagement_erasure e
       WHERE e.subject_hash = s.subject_hash AND e.deleted_at IS NULL
       ORDER BY e.created_at DESC LIMIT 1
     ) erasure ON true
     WHERE erasure.resumed_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM engagement_order_fact f
                       WHERE f.customer_id = s.customer_id AND f.deleted_at IS NULL AND f.placed_at > erasure.created_at)
       AND NOT EXISTS (SELECT 1 FROM engagement_consent c
                       WHERE c.customer_id = s.customer_id AND c.deleted_at IS NULL AND c.actor_type = 'customer'
                         AND c.recorded_at > erasure.created_at)`,
    [subjects]
  )
  return [...pseudonyms, ...rows.map((row) => ({ customer_id: row.customer_id, erased_at: new Date(row.erased_at) }))]
}

/**
 * The shopper changed their own profile after an erasure: they are a contact again. Returns the
 * erasure records marked, for the caller's undo.
 */
export async function resumeErasedCustomer(manager: SqlEntityManager, customerId: string): Promise<string[]> {
  const rows = await runSql<{ id: string }>(
    manager,
    `UPDATE engagement_erasure SET resumed_at = now(), updated_at = now()
     WHERE subject_hash = ? AND resumed_at IS NULL AND deleted_at IS NULL RETURNING id`,
    [subjectHashOf(customerId)]
  )
  return rows.map((row) => row.id)
}

/** Undoes {@link resumeErasedCustomer}. */
export async function unresumeErasures(manager: SqlEntityManager, erasureIds: string[]): Promise<void> {
  if (!erasureIds.length) {
    return
  }
  await runSql(
    manager,
    `UPDATE engagement_erasure SET resumed_at = NULL, updated_at = now()
     WHERE id = ANY(?::text[])`,
    [erasureIds]
  )
}
