import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"
import { WEEK_LABEL, weekSeries } from "../../../utils/weeks"

export interface ProgrammeWeek {
  /** the week's Monday (UTC), `YYYY-MM-DD` */
  week: string
  /** points credited: earned, referral and scheme bonuses, positive adjustments (review points among them) */
  issued: number
  /** points spent on orders, less those given back when such an order was canceled */
  redeemed: number
  expired: number
  /** points outstanding at the end of the week (now, for the current week) */
  outstanding: number
}

/**
 * The programme week by week, from the ledger: points issued, redeemed and expired, and what was
 * outstanding at the end of each week. Outstanding is the accounts' total now less the ledger's net
 * changes after the week: the line ends at the figure the admin sees, and no query reads the
 * ledger further back than the window.
 */
export async function programmeWeeks(manager: SqlEntityManager, weeks: number, now: Date): Promise<ProgrammeWeek[]> {
  const [total] = await runSql<{ outstanding: string }>(
    manager,
    `SELECT COALESCE(SUM(balance + pending + reserved), 0) AS outstanding FROM loyalty_account WHERE deleted_at IS NULL`
  )
  const series = weekSeries(weeks, now)
  const rows = await runSql<Record<string, string>>(
    manager,
    `WITH ${series.sql}
     SELECT ${WEEK_LABEL} AS week,
            COALESCE(SUM(t.points) FILTER (
              WHERE t.type IN ('earn', 'referral', 'scheme_bonus') OR (t.type = 'adjust' AND t.points > 0)), 0) AS issued,
            COALESCE(-SUM(t.points) FILTER (WHERE t.type IN ('redeem', 'restore')), 0) AS redeemed,
            COALESCE(-SUM(t.points) FILTER (WHERE t.type = 'expire'), 0) AS expired,
            COALESCE(SUM(t.points) FILTER (WHERE t.created_at <= ?), 0) AS net
       FROM weeks
       LEFT JOIN loyalty_transaction t
         ON t.deleted_at IS NULL AND t.created_at >= week_start AND t.created_at < week_end
      GROUP BY week_start ORDER BY week_start`,
    [...series.params, now]
  )
  let outstanding = Number(total.outstanding)
  const result: ProgrammeWeek[] = []
  for (const row of [...rows].reverse()) {
    result.unshift({
      week: row.week,
      issued: Number(row.issued),
      redeemed: Number(row.redeemed),
      expired: Number(row.expired),
      outstanding,
    })
    outstanding -= Number(row.net)
  }
  return result
}
