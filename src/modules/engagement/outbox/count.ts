import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"

/** The delivery log's filters a count by platform and status answers exactly (see Migration20261207062000). */
export interface CountableFilters {
  status?: string | string[]
  platform?: string | string[]
}

/**
 * How many outbox rows have these statuses and platforms (either may be left out), exactly: the
 * folded totals plus the changes since the last fold, as many rows as platforms and statuses plus
 * the last minute's changes, however large the log.
 */
export async function countDeliveriesBy(manager: SqlEntityManager, filters: CountableFilters): Promise<number> {
  const list = (value: string | string[] | undefined) => (value === undefined ? null : JSON.stringify([value].flat()))
  const [row] = await runSql<{ n: string | null }>(
    manager,
    `SELECT SUM(rows) AS n FROM (
       SELECT platform, status, rows FROM engagement_delivery_count
       UNION ALL
       SELECT platform, status, rows FROM engagement_delivery_count_change
     ) c
     WHERE (?::jsonb IS NULL OR status IN (SELECT jsonb_array_elements_text(?::jsonb)))
       AND (?::jsonb IS NULL OR platform IN (SELECT jsonb_array_elements_text(?::jsonb)))`,
    [list(filters.status), list(filters.status), list(filters.platform), list(filters.platform)]
  )
  return Number(row?.n ?? 0)
}

/** Moves the count changes into the totals (the fold-delivery-counts job); how many changes it moved. */
export async function foldDeliveryCounts(manager: SqlEntityManager): Promise<number> {
  const [row] = await runSql<{ folded: number }>(manager, `SELECT engagement_fold_delivery_counts() AS folded`)
  return Number(row?.folded ?? 0)
}
