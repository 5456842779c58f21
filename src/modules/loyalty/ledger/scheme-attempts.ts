import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { runSql } from "../../../utils/sql"

// The limits on closed-loop verification: tries per shopper and scheme (across codes) and codes
// sent per address, counted from `loyalty_scheme_attempt` rows under a transaction lock per key.

export const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The limits on closed-loop verification (module options `schemes.max_tries_per_*`, `max_codes_per_address_per_hour`). */
export interface AttemptLimits {
  tries_per_hour: number
  tries_per_day: number
  codes_per_address_per_hour: number
}

/** Serialises the attempts of one key (a shopper's scheme, an address) until the transaction ends. */
export async function lockAttempts(manager: SqlEntityManager, key: string) {
  await runSql(manager, `SELECT pg_advisory_xact_lock(hashtext(?))`, [`loyalty_scheme_attempt:${key}`])
}

/**
 * When the next attempt is allowed (null: now). For each window, the `max`-th most recent
 * attempt in it keeps the window full until it ages out.
 */
export async function nextAttemptAt(
  manager: SqlEntityManager,
  where: { sql: string; params: unknown[] },
  windows: [number, number][],
  now: Date
): Promise<Date | null> {
  let next: number | null = null
  for (const [windowMs, max] of windows) {
    const [row] = await runSql<{ created_at: Date }>(
      manager,
      `SELECT created_at FROM loyalty_scheme_attempt
        WHERE ${where.sql} AND created_at > ? AND deleted_at IS NULL
        ORDER BY created_at DESC OFFSET ? LIMIT 1`,
      [...where.params, new Date(now.getTime() - windowMs), max - 1]
    )
    if (row) {
      next = Math.max(next ?? 0, new Date(row.created_at).getTime() + windowMs)
    }
  }
  return next === null ? null : new Date(next)
}

const triesOf = (customerId: string, schemeId: string) => ({
  sql: `kind = 'try' AND customer_id = ? AND scheme_id = ?`,
  params: [customerId, schemeId],
})

export async function nextTryAt(
  manager: SqlEntityManager,
  input: { customer_id: string; scheme_id: string; now: Date; limits: AttemptLimits }
) {
  return await nextAttemptAt(
    manager,
    triesOf(input.customer_id, input.scheme_id),
    [
      [HOUR, input.limits.tries_per_hour],
      [DAY, input.limits.tries_per_day],
    ],
    input.now
  )
}

export async function recordAttempt(
  manager: SqlEntityManager,
  input: { kind: "try" | "send"; customer_id: string; scheme_id: string; email: string; now: Date }
): Promise<string> {
  const id = generateEntityId(undefined, "loysa")
  await runSql(
    manager,
    `INSERT INTO loyalty_scheme_attempt (id, kind, customer_id, scheme_id, email, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [id, input.kind, input.customer_id, input.scheme_id, input.email, input.now, input.now]
  )
  return id
}
