import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../sql"

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
  last_error: { message: string; at: string; delivery_id: string } | null
  /** the platform answered 429 and no process sends it anything until then (ISO); null when not paused */
  paused_until: string | null
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
  const errors = await runSql<{ platform: string; id: string; last_error: string; at: Date }>(
    manager,
    `SELECT DISTINCT ON (platform) platform, id, last_error, COALESCE(last_attempt_at, updated_at) AS at
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
  return platforms.map((platform) => {
    const pause = pauses.find((candidate) => candidate.platform === platform)
    const health: PlatformDeliveryHealth = {
      platform,
      last_24h: emptyCounts(),
      all: emptyCounts(),
      last_error: null,
      paused_until: pause ? new Date(pause.until).toISOString() : null,
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
      health.last_error = { message: error.last_error, at: new Date(error.at).toISOString(), delivery_id: error.id }
    }
    return health
  })
}
