import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"

// below this many rows the exact count costs less than a millisecond
const EXACT_UP_TO = 1_000

/**
 * How many outbox rows there are, for the delivery log's pages: exact while the table is small,
 * the planner's estimate (kept by autovacuum's analyze) once it is large, so the log's first page
 * does not count a million rows each time. `estimated` says which.
 */
export async function countAllDeliveries(manager: SqlEntityManager): Promise<{ count: number; estimated: boolean }> {
  const [{ n, estimate }] = await runSql<{ n: number; estimate: number }>(
    manager,
    `SELECT (SELECT count(*)::int FROM (SELECT 1 FROM engagement_delivery WHERE deleted_at IS NULL LIMIT ?) capped) AS n,
            (SELECT GREATEST(reltuples, 0)::bigint::int FROM pg_class WHERE oid = 'engagement_delivery'::regclass) AS estimate`,
    [EXACT_UP_TO + 1]
  )
  return n <= EXACT_UP_TO ? { count: n, estimated: false } : { count: Math.max(estimate, n), estimated: true }
}
