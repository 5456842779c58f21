import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
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
