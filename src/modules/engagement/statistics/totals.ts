import type { Knex, SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import type { OrderAggregates } from "./compute"

const FACTS = "engagement_order_fact"
const TOTALS = "engagement_order_total"

interface FactContribution {
  customer_id: string
  currency_code: string
  total: string
  item_count: number
  canceled_at: Date | string | null
  returned_count: number
}

/** Runs `work` in the caller's transaction, or in one of its own. */
export async function inTransaction<T>(
  manager: SqlEntityManager,
  work: (trx: Knex.Transaction) => Promise<T>
): Promise<T> {
  const current = manager.getTransactionContext() as Knex.Transaction | undefined
  return current ? await work(current) : await manager.getKnex().transaction(work)
}

/** Serialises the writes of one order's fact, so two events of the same order add their change once each. */
export async function lockOrder(trx: Knex.Transaction, orderId: string): Promise<FactContribution | null> {
  await trx.raw(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`${FACTS}:${orderId}`])
  const { rows } = await trx.raw(
    `SELECT customer_id, currency_code, total::text AS total, item_count, canceled_at, returned_count
     FROM ${FACTS} WHERE order_id = ? AND deleted_at IS NULL`,
    [orderId]
  )
  return (rows[0] as FactContribution | undefined) ?? null
}

/** Adds (sign 1) or takes away (sign -1) one fact's part of its customer's totals. */
export async function addToTotals(trx: Knex.Transaction, fact: FactContribution, sign: 1 | -1): Promise<void> {
  const counted = fact.canceled_at ? 0 : 1
  await trx.raw(
    `INSERT INTO ${TOTALS} AS t (id, customer_id, currency_code, order_count, total, raw_total, item_count, returned_count)
     VALUES (?, ?, ?, ?, ?::numeric, jsonb_build_object('value', (?::numeric)::text, 'precision', 20), ?, ?)
     ON CONFLICT (customer_id, currency_code) WHERE deleted_at IS NULL DO UPDATE SET
       order_count = t.order_count + EXCLUDED.order_count,
       total = t.total + EXCLUDED.total,
       raw_total = jsonb_build_object('value', (t.total + EXCLUDED.total)::text, 'precision', 20),
       item_count = t.item_count + EXCLUDED.item_count,
       returned_count = t.returned_count + EXCLUDED.returned_count,
       updated_at = now()`,
    [
      generateEntityId(undefined, "engot"),
      fact.customer_id,
      fact.currency_code,
      sign * counted,
      counted ? `${sign < 0 ? "-" : ""}${fact.total}` : "0",
      counted ? `${sign < 0 ? "-" : ""}${fact.total}` : "0",
      sign * counted * fact.item_count,
      sign * fact.returned_count,
    ]
  )
}

/**
 * A customer's aggregates: their totals rows (one per currency) and, through the index on
 * (customer_id, placed_at), their first and latest orders not canceled. Constant in the number of orders.
 */
export async function aggregatesOf(manager: SqlEntityManager, customerId: string): Promise<OrderAggregates> {
  const knex = manager.getKnex()
  const trx = manager.getTransactionContext() as Knex.Transaction | undefined
  const run = (sql: string, bindings: unknown[]) => {
    const statement = knex.raw(sql, bindings as Knex.RawBinding[])
    return (trx ? statement.transacting(trx) : statement).then((result: { rows: any[] }) => result.rows)
  }
  // in a transaction both statements share one connection: pg queues a second query on a busy
  // client with a deprecation warning (an error in pg 9), so they go one after the other there
  const both = trx
    ? async <T>(calls: [() => Promise<T>, () => Promise<T>]) => [await calls[0](), await calls[1]()]
    : <T>(calls: [() => Promise<T>, () => Promise<T>]) => Promise.all(calls.map((call) => call()))
  const [totals, [edges]] = await both([
    () =>
      run(
        `SELECT currency_code, order_count, total::text AS total, item_count, returned_count FROM ${TOTALS}
         WHERE customer_id = ? AND deleted_at IS NULL`,
        [customerId]
      ),
    () =>
      run(
        `SELECT
         (SELECT placed_at FROM ${FACTS} WHERE customer_id = ? AND deleted_at IS NULL AND canceled_at IS NULL
            ORDER BY placed_at ASC LIMIT 1) AS first_order_at,
         (SELECT row_to_json(latest) FROM (SELECT placed_at, currency_code FROM ${FACTS}
            WHERE customer_id = ? AND deleted_at IS NULL AND canceled_at IS NULL ORDER BY placed_at DESC LIMIT 1) latest) AS latest`,
        [customerId, customerId]
      ),
  ])
  const latest = edges?.latest as { placed_at: string; currency_code: string } | null
  const inCurrency = totals.find((row) => row.currency_code === latest?.currency_code)
  return {
    order_count: totals.reduce((sum, row) => sum + Number(row.order_count), 0),
    return_count: totals.reduce((sum, row) => sum + Number(row.returned_count), 0),
    first_order_at: edges?.first_order_at ?? null,
    last_order_at: latest?.placed_at ?? null,
    currency_code: latest?.currency_code ?? null,
    currency_order_count: Number(inCurrency?.order_count ?? 0),
    currency_total: inCurrency?.total ?? "0",
    currency_item_count: Number(inCurrency?.item_count ?? 0),
  }
}

/**
 * Makes every customer's running totals the sum of their order facts again, in one scan (the
 * rebuild command, after facts were removed or restored outside the plugin). The table lock waits
 * for facts being recorded and holds new ones back until the totals are rebuilt, so none counts twice.
 */
export async function recountOrderTotals(manager: SqlEntityManager): Promise<void> {
  await inTransaction(manager, async (trx) => {
    await trx.raw(`LOCK TABLE ${TOTALS} IN EXCLUSIVE MODE`)
    await trx.raw(`DELETE FROM ${TOTALS}`)
    await trx.raw(
      `INSERT INTO ${TOTALS} (id, customer_id, currency_code, order_count, total, raw_total, item_count, returned_count)
       SELECT 'engot_' || md5(customer_id || ':' || currency_code), customer_id, currency_code,
              count(*) FILTER (WHERE canceled_at IS NULL),
              COALESCE(sum(total) FILTER (WHERE canceled_at IS NULL), 0),
              jsonb_build_object('value', COALESCE(sum(total) FILTER (WHERE canceled_at IS NULL), 0)::text, 'precision', 20),
              COALESCE(sum(item_count) FILTER (WHERE canceled_at IS NULL), 0),
              COALESCE(sum(returned_count), 0)
         FROM ${FACTS} WHERE deleted_at IS NULL
        GROUP BY customer_id, currency_code`
    )
  })
}
