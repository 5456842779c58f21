import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../../../utils/sql"

export interface PreferenceValues {
  auto_spend_enabled: boolean
  auto_spend_minimum_points: number
}

/**
 * Saves a customer's preferences under a lock on their row (made first when missing, the unique
 * index deciding a race), so concurrent saves end in one row; returns what it replaced, or
 * `created` when the row is new (the undo deletes it then).
 */
export async function savePreferences(manager: SqlEntityManager, customerId: string, values: PreferenceValues) {
  const inserted = await runSql<{ id: string }>(
    manager,
    `INSERT INTO loyalty_preference (id, customer_id, auto_spend_enabled, auto_spend_minimum_points, created_at, updated_at)
     VALUES (?, ?, ?, ?, now(), now())
     ON CONFLICT (customer_id) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`,
    [generateEntityId(undefined, "loypref"), customerId, values.auto_spend_enabled, values.auto_spend_minimum_points]
  )
  if (inserted[0]) {
    return { id: inserted[0].id, created: true as const, previous: null }
  }
  const [row] = await runSql<PreferenceValues & { id: string }>(
    manager,
    `SELECT id, auto_spend_enabled, auto_spend_minimum_points FROM loyalty_preference
      WHERE customer_id = ? AND deleted_at IS NULL FOR UPDATE`,
    [customerId]
  )
  await runSql(
    manager,
    `UPDATE loyalty_preference SET auto_spend_enabled = ?, auto_spend_minimum_points = ?, updated_at = now() WHERE id = ?`,
    [values.auto_spend_enabled, values.auto_spend_minimum_points, row.id]
  )
  const previous: PreferenceValues = {
    auto_spend_enabled: row.auto_spend_enabled,
    auto_spend_minimum_points: row.auto_spend_minimum_points,
  }
  return { id: row.id, created: false as const, previous }
}
