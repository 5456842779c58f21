import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import { CountableFilters, countDeliveriesBy, foldDeliveryCounts } from "../outbox/count"
import { WEEK_LABEL, weekSeries } from "../../../utils/weeks"
import { runSql } from "../sql"
import type { PlatformDeliveryCounts, ReviewRequestWeek } from "./chart-rows"

type Ctx = Context<SqlEntityManager>

/**
 * The figures of the admin's charts, aggregated in SQL over bounded windows of `created_at`, and
 * the delivery log's exact counts by platform and status (outbox/count.ts).
 */
export class EngagementCharts {
  // the module's repository: the manager decorators below open their contexts on it
  constructor(protected readonly baseRepository_: unknown) {}

  /** The review requests of the last `weeks` weeks through the funnel, and why the skipped ones were skipped. */
  @InjectManager()
  async reviewRequestFunnel(weeks: number, now: Date, @MedusaContext() ctx: Ctx = {}) {
    const series = weekSeries(weeks, now)
    const rows = await runSql<Record<string, string>>(
      ctx.manager!,
      `WITH ${series.sql}
       SELECT ${WEEK_LABEL} AS week,
              COUNT(r.id) FILTER (WHERE r.status <> 'skipped') AS scheduled,
              COUNT(r.sent_at) AS sent,
              COUNT(r.clicked_at) AS clicked,
              COUNT(r.id) FILTER (WHERE EXISTS (
                SELECT 1 FROM engagement_review_webhook_receipt x
                 WHERE x.order_id = r.order_id AND x.deleted_at IS NULL)) AS reviewed
         FROM weeks
         LEFT JOIN engagement_review_request r
           ON r.deleted_at IS NULL AND r.created_at >= week_start AND r.created_at < week_end
        GROUP BY week_start ORDER BY week_start`,
      series.params
    )
    const skipped = await runSql<{ reason: string | null; count: string }>(
      ctx.manager!,
      `WITH ${series.sql}
       SELECT r.reason, COUNT(*) AS count FROM engagement_review_request r
        WHERE r.deleted_at IS NULL AND r.status = 'skipped'
          AND r.created_at >= (SELECT MIN(week_start) FROM weeks) AND r.created_at < (SELECT MAX(week_end) FROM weeks)
        GROUP BY r.reason ORDER BY count DESC, r.reason LIMIT 20`,
      series.params
    )
    return {
      weeks: rows.map((row): ReviewRequestWeek => ({
        week: row.week,
        scheduled: Number(row.scheduled),
        sent: Number(row.sent),
        clicked: Number(row.clicked),
        reviewed: Number(row.reviewed),
      })),
      skip_reasons: skipped.map((row) => ({ reason: row.reason ?? "no reason", count: Number(row.count) })),
    }
  }

  /** Each platform's deliveries created in the last `hours` hours, by outcome (a platform with none: zeros). */
  @InjectManager()
  async deliveryCounts(platforms: string[], hours: number, @MedusaContext() ctx: Ctx = {}) {
    const rows = await runSql<Record<string, string>>(
      ctx.manager!,
      `SELECT platform,
              COUNT(*) FILTER (WHERE status = 'delivered') AS delivered,
              COUNT(*) FILTER (WHERE status IN ('failed', 'dead')) AS failed,
              COUNT(*) FILTER (WHERE status IN ('pending', 'sending')) AS waiting
         FROM engagement_delivery
        WHERE deleted_at IS NULL AND created_at >= now() - make_interval(hours => ?::int)
        GROUP BY platform`,
      [hours]
    )
    const byPlatform = new Map(rows.map((row) => [row.platform, row]))
    return platforms.map((platform): PlatformDeliveryCounts => {
      const row = byPlatform.get(platform)
      return {
        platform,
        delivered: Number(row?.delivered ?? 0),
        failed: Number(row?.failed ?? 0),
        waiting: Number(row?.waiting ?? 0),
      }
    })
  }

  /** How many outbox rows have these statuses and platforms (all rows without either), exactly, at any size. */
  @InjectManager()
  async countDeliveries(filters: CountableFilters = {}, @MedusaContext() ctx: Ctx = {}): Promise<number> {
    return await countDeliveriesBy(ctx.manager!, filters)
  }

  /** Folds the delivery counts' changes into their totals (the fold-delivery-counts job); how many it folded. */
  @InjectTransactionManager()
  async foldDeliveryCounts(@MedusaContext() ctx: Ctx = {}): Promise<number> {
    return await foldDeliveryCounts(ctx.transactionManager!)
  }
}
