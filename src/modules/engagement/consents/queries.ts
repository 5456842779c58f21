import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../sql"
import type { ConsentValue } from "../types"

export interface CurrentConsent {
  purpose: string
  value: ConsentValue
  source: string
  recorded_at: Date
}

/** The current value of each purpose: the latest ledger row, in one indexed query. */
export async function currentConsents(manager: SqlEntityManager, customerId: string): Promise<CurrentConsent[]> {
  return await runSql<CurrentConsent>(
    manager,
    `SELECT DISTINCT ON (purpose) purpose, value, source, recorded_at
     FROM engagement_consent
     WHERE customer_id = ? AND deleted_at IS NULL
     ORDER BY purpose, recorded_at DESC, created_at DESC`,
    [customerId]
  )
}

/**
 * Marks a link's nonce used. Returns false when it was used already: the unique index decides,
 * so two clicks racing each other still count once.
 */
export async function markLinkUsed(
  manager: SqlEntityManager,
  use: { nonce: string; customer_id: string; purpose: string; action: string }
): Promise<boolean> {
  const rows = await runSql(
    manager,
    `INSERT INTO engagement_link_use (id, nonce, customer_id, purpose, action, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, now(), now())
     ON CONFLICT (nonce) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`,
    [generateEntityId(undefined, "englu"), use.nonce, use.customer_id, use.purpose, use.action]
  )
  return rows.length === 1
}
