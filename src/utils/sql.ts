import type { Knex, SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"

/**
 * Runs one statement with real bind parameters (never interpolated values), inside the caller's
 * transaction if there is one. A list of ids goes as one array parameter (`col = ANY(?::text[])`,
 * see {@link optionalIn}); a list of records as JSON (`jsonb_to_recordset(?::jsonb)`), joined on a
 * key that is also matched against an array parameter of its own.
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
 * `AND <column> = ANY(...)` when a list is given, nothing otherwise, with its one parameter.
 *
 * Lists of ids go as one array parameter, not as a JSON array unpacked by a set-returning function
 * (`IN (SELECT jsonb_array_elements_text(?))`): PostgreSQL takes such a function to return 100
 * rows whatever the list holds, and for a table of a few thousand rows it then reads the whole
 * table and hashes it rather than look a dozen ids up in their index (measured: an outbox batch's
 * 12 contacts read by scanning all 3,334 sync rows, 5 ms instead of 0.5). An array parameter is
 * counted as it is when the statement is planned.
 */
export function optionalIn(column: string, values: string[] | undefined): { sql: string; params: unknown[] } {
  return values?.length ? { sql: `AND ${column} = ANY(?::text[])`, params: [values] } : { sql: "", params: [] }
}
