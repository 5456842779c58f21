import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { InferTypeOf } from "@medusajs/framework/types"
import LoyaltyTransaction from "../models/loyalty-transaction"
import { runSql } from "../../../utils/sql"
import { LOYALTY_TRANSACTION_TYPES } from "../types"

// the ledger's columns a page may select: the names go into the SQL text, so only the model's own
// (a deleted row is never listed, so not its deletion time)
const COLUMNS = new Set(Object.keys(LoyaltyTransaction.schema).filter((column) => column !== "deleted_at"))

/**
 * A page of the customer's ledger rows of the given types, newest first. Each type's rows are read
 * from the top of the index on (customer_id, type, created_at, id), at most `offset + limit` of
 * each, and merged: the first page costs the same whether the account has a hundred rows or a
 * hundred thousand, and whether the types are common or rare (a scan of the customer's index with
 * the type as a filter would walk past every row of the other types first).
 */
export async function typedTransactionsPage(
  manager: SqlEntityManager,
  customerId: string,
  types: string[],
  select: string[],
  limit: number,
  offset: number
): Promise<InferTypeOf<typeof LoyaltyTransaction>[]> {
  const columns = select.filter((column) => COLUMNS.has(column))
  const unknown = select.filter((column) => !COLUMNS.has(column))
  if (unknown.length) {
    throw new Error(`typedTransactionsPage: not a ledger column: ${unknown.join(", ")}`)
  }
  const known = [...new Set(types)].filter((type) => (LOYALTY_TRANSACTION_TYPES as readonly string[]).includes(type))
  if (!known.length || !columns.length) {
    return []
  }
  const list = columns.map((column) => `t."${column}"`).join(", ")
  // the selected columns only, as the generated list returns them
  return await runSql<InferTypeOf<typeof LoyaltyTransaction>>(
    manager,
    `SELECT ${list}
       FROM (SELECT jsonb_array_elements_text(?::jsonb) AS type) wanted,
            LATERAL (SELECT * FROM loyalty_transaction
                      WHERE customer_id = ? AND type = wanted.type AND deleted_at IS NULL
                      ORDER BY created_at DESC, id DESC LIMIT ?) t
      ORDER BY t.created_at DESC, t.id DESC LIMIT ? OFFSET ?`,
    [JSON.stringify(known), customerId, offset + limit, limit, offset]
  )
}
