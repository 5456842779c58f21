import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"

/** A row an admin canceled, with the status it had (for the undo). */
export interface CanceledDelivery {
  id: string
  previous: "failed" | "dead"
}

/**
 * An admin gives up on failed or dead deliveries: they become `canceled` and no bulk retry picks them
 * again. Only rows that ended are touched: their outcome was already handed to whatever made them (a
 * contact's sync, a review request), so nothing waits on them. A waiting row (`pending`) is left to
 * run out. One statement; a row that changed status since it was read is left as it is.
 */
export async function cancelEndedDeliveries(manager: SqlEntityManager, ids: string[]): Promise<CanceledDelivery[]> {
  if (!ids.length) {
    return []
  }
  return await runSql<CanceledDelivery>(
    manager,
    `UPDATE engagement_delivery d SET status = 'canceled', updated_at = now()
     FROM (SELECT id, status AS previous FROM engagement_delivery
           WHERE id = ANY(?::text[]) AND deleted_at IS NULL AND status IN ('failed', 'dead')
           FOR UPDATE) p
     WHERE d.id = p.id
     RETURNING d.id, p.previous`,
    [ids]
  )
}

/** Undoes {@link cancelEndedDeliveries}: each row still canceled gets its previous status back. */
export async function uncancelDeliveries(manager: SqlEntityManager, rows: CanceledDelivery[]): Promise<void> {
  if (!rows.length) {
    return
  }
  await runSql(
    manager,
    `UPDATE engagement_delivery d SET status = v.previous, updated_at = now()
     FROM jsonb_to_recordset(?::jsonb) AS v(id text, previous text)
     WHERE d.id = v.id AND d.id = ANY(?::text[]) AND d.status = 'canceled'`,
    [JSON.stringify(rows), rows.map((row) => row.id)]
  )
}
