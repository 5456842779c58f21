import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"

/**
 * Scheduled review requests on the default delay (their products ask for none of their own): the
 * ones a change of the default delay moves when the owner applies it to scheduled requests.
 */
const ON_DEFAULT_DELAY = `status = 'scheduled' AND delay_seconds = ? AND deleted_at IS NULL`

export async function countOnDefaultDelay(manager: SqlEntityManager, delayMs: number): Promise<number> {
  const [row] = await runSql<{ count: string }>(
    manager,
    `SELECT count(*) AS count FROM engagement_review_request WHERE ${ON_DEFAULT_DELAY}`,
    [Math.round(delayMs / 1000)]
  )
  return Number(row.count)
}

/** Moves their send time by the difference (one waiting for its trigger gets the new delay when it comes). */
export async function moveOnDefaultDelay(manager: SqlEntityManager, fromMs: number, toMs: number): Promise<number> {
  const from = Math.round(fromMs / 1000)
  const to = Math.round(toMs / 1000)
  const rows = await runSql<{ id: string }>(
    manager,
    `UPDATE engagement_review_request
        SET send_at = send_at + make_interval(secs => ?::int - delay_seconds), delay_seconds = ?, updated_at = now()
      WHERE ${ON_DEFAULT_DELAY} RETURNING id`,
    [to, to, from]
  )
  return rows.length
}
