import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"
import { platformMessage } from "./platform-message"
import { HEALTH_WINDOW, type RecentOutcomes } from "./platform-state"

// Bound parameters only; the table name is a constant.
const TABLE = "engagement_delivery"

export interface DeliveryCounts {
  delivered: number
  failed: number
  dead: number
  /** pending or being sent */
  waiting: number
}

export interface PlatformDeliveryHealth {
  platform: string
  last_24h: DeliveryCounts
  all: DeliveryCounts
  last_error: {
    /** the outbox's reason ("HTTP 400: …") */
    message: string
    /** the platform's own words from its answer, shortened; null when it said nothing readable */
    platform_message: string | null
    response_status: number | null
    at: string
    delivery_id: string
  } | null
  /** the platform answered 429 and no process sends it anything until then (ISO); null when not paused */
  paused_until: string | null
  /** the latest attempt of its most recently attempted rows (platform-state.ts) */
  recent: RecentOutcomes
}

const emptyCounts = (): DeliveryCounts => ({ delivered: 0, failed: 0, dead: 0, waiting: 0 })

const bucketOf = (status: string): keyof DeliveryCounts | null =>
  status === "pending" || status === "sending"
    ? "waiting"
    : status === "delivered" || status === "failed" || status === "dead"
      ? status
      : null

/**
 * Per platform: deliveries by outcome in the last 24 hours and in all, the latest error, and the
 * pause a 429 set, read from the table (the row waiting out its `Retry-After` holds it, see claim.ts),
 * so it shows whichever process got the 429.
 */
export async function summarizeDeliveries(
  manager: SqlEntityManager,
  platforms: string[]
): Promise<PlatformDeliveryHealth[]> {
  const counts = await runSql<{ platform: string; status: string; recent: string; total: string }>(
    manager,
    `SELECT platform, status,
            count(*) FILTER (WHERE created_at >= now() - interval '24 hours') AS recent,
            count(*) AS total
       FROM ${TABLE} WHERE deleted_at IS NULL GROUP BY platform, status`,
    []
  )
  const errors = await runSql<{
    platform: string
    id: string
    last_error: string
    response_status: number | null
    response_summary: unknown
    at: Date
  }>(
    manager,
    `SELECT DISTINCT ON (platform) platform, id, last_error, response_status, response_summary,
            COALESCE(last_attempt_at, updated_at) AS at
       FROM ${TABLE} WHERE deleted_at IS NULL AND last_error IS NOT NULL
      ORDER BY platform, COALESCE(last_attempt_at, updated_at) DESC`,
    []
  )
  const pauses = await runSql<{ platform: string; until: Date }>(
    manager,
    `SELECT platform, max(locked_until) AS until FROM ${TABLE}
      WHERE deleted_at IS NULL AND status = 'pending' AND locked_until > now() GROUP BY platform`,
    []
  )
  const recent = await recentOutcomes(manager, platforms)
  return platforms.map((platform) => {
    const pause = pauses.find((candidate) => candidate.platform === platform)
    const health: PlatformDeliveryHealth = {
      platform,
      last_24h: emptyCounts(),
      all: emptyCounts(),
      last_error: null,
      paused_until: pause ? new Date(pause.until).toISOString() : null,
      recent: recent.get(platform) ?? { attempted: 0, failed: 0 },
    }
    for (const row of counts.filter((candidate) => candidate.platform === platform)) {
      const bucket = bucketOf(row.status)
      if (bucket) {
        health.last_24h[bucket] += Number(row.recent)
        health.all[bucket] += Number(row.total)
      }
    }
    const error = errors.find((candidate) => candidate.platform === platform)
    if (error) {
      health.last_error = {
        message: error.last_error,
        platform_message: platformMessage(error.response_summary),
        response_status: error.response_status,
        at: new Date(error.at).toISOString(),
        delivery_id: error.id,
      }
    }
    return health
  })
}

/**
 * Per platform, the latest attempt of its most recently attempted rows (at most HEALTH_WINDOW.rows
 * within HEALTH_WINDOW.hours), read through the (platform, last_attempt_at) index: a bounded read
 * per platform however large the table. A row in flight or a dry run is left out; a row waiting
 * with an error failed its latest attempt.
 */
async function recentOutcomes(manager: SqlEntityManager, platforms: string[]): Promise<Map<string, RecentOutcomes>> {
  const rows = await runSql<{ platform: string; attempted: string; failed: string }>(
    manager,
    `SELECT p.platform,
            count(r.id) AS attempted,
            count(r.id) FILTER (WHERE r.status IN ('failed', 'dead') OR (r.status = 'pending' AND r.last_error IS NOT NULL)) AS failed
       FROM jsonb_array_elements_text(?::jsonb) AS p(platform)
       LEFT JOIN LATERAL (
         SELECT id, status, last_error FROM ${TABLE} d
          WHERE d.platform = p.platform AND d.deleted_at IS NULL AND d.last_attempt_at IS NOT NULL
            AND d.last_attempt_at >= now() - (? * interval '1 hour')
            AND d.status IN ('delivered', 'failed', 'dead', 'pending')
          ORDER BY d.last_attempt_at DESC LIMIT ?
       ) r ON true
      GROUP BY p.platform`,
    [JSON.stringify(platforms), HEALTH_WINDOW.hours, HEALTH_WINDOW.rows]
  )
  return new Map(rows.map((row) => [row.platform, { attempted: Number(row.attempted), failed: Number(row.failed) }]))
}
