import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"

// below this many rows the exact count costs less than a millisecond
const EXACT_UP_TO = 10_000

/**
 * How many outbox rows there are, for the delivery log's pages: exact while the table is small,
 * the planner's estimate (kept by autovacuum's analyze) once it is large, so the log's first page
 * does not count a million rows each time. `estimated` says which.
 */
export async function countAllDeliveries(manager: SqlEntityManager): Promise<{ count: number; estimated: boolean }> {
  const [{ n }] = await runSql<{ n: number }>(
    manager,
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM engagement_delivery WHERE deleted_at IS NULL LIMIT ?) capped`,
    [EXACT_UP_TO + 1]
  )
  if (n <= EXACT_UP_TO) {
    return { count: n, estimated: false }
  }
  const [{ estimate }] = await runSql<{ estimate: number }>(
    manager,
    `SELECT GREATEST(reltuples, 0)::bigint::int AS estimate FROM pg_class WHERE oid = 'engagement_delivery'::regclass`
  )
  return { count: Math.max(estimate, n), estimated: true }
}
