import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"

/**
 * Runs one statement with real bind parameters (never interpolated values), inside the caller's
 * transaction if there is one. Array values are passed as JSON: knex would spread an array
 * binding into a list.
 */
export async function runSql<T = Record<string, unknown>>(
  manager: SqlEntityManager,
  sql: string,
  bindings: unknown[] = []
): Promise<T[]> {
  const statement = manager.getKnex().raw(sql, bindings as any[])
  const transaction = manager.getTransactionContext()
  if (transaction) {
    statement.transacting(transaction)
  }
  const result = (await statement) as { rows: T[] }
  return result.rows
}
