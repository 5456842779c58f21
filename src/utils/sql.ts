import type { Knex, SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"

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
  const statement = manager.getKnex().raw(sql, bindings as Knex.RawBinding[])
  const transaction = manager.getTransactionContext()
  if (transaction) {
    statement.transacting(transaction)
  }
  const result = (await statement) as { rows: T[] }
  return result.rows
}

/**
 * `AND <column> IN (...)` when a list is given, nothing otherwise, with its one parameter: the list
 * goes as a JSON array, since knex would spread an array binding into a list of its own.
 */
export function optionalIn(column: string, values: string[] | undefined): { sql: string; params: unknown[] } {
  return values?.length
    ? { sql: `AND ${column} IN (SELECT jsonb_array_elements_text(?::jsonb))`, params: [JSON.stringify(values)] }
    : { sql: "", params: [] }
}
