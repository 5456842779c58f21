import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"
import type { TierRules } from "./tier-state"
import { tierFor } from "./tiers"

/**
 * How many members new tier rules would move up or down, before the owner saves them: each
 * account's points by the new basis against the new levels, compared with the tier it holds now
 * (a tier the new levels drop counts at its old threshold). The move itself happens at the
 * member's next order or the maintenance run. One grouped read, never a row per member.
 */
export async function previewTierMoves(
  manager: SqlEntityManager,
  current: TierRules,
  next: TierRules
): Promise<{ members_up: number; members_down: number; members_unchanged: number }> {
  const column = next.basis === "lifetime" ? "lifetime_points" : "period_points"
  const groups = await runSql<{ tier_id: string | null; points: number; members: string }>(
    manager,
    `SELECT tier_id, ${column} AS points, count(*) AS members FROM loyalty_account
      WHERE deleted_at IS NULL AND (tier_id IS NOT NULL OR ${column} > 0)
      GROUP BY tier_id, ${column}`
  )
  const thresholdNow = new Map(current.levels.map((level) => [level.id, level.threshold]))
  const moves = { members_up: 0, members_down: 0, members_unchanged: 0 }
  for (const group of groups) {
    const members = Number(group.members)
    const before = group.tier_id === null ? -1 : (thresholdNow.get(group.tier_id) ?? -1)
    const after = tierFor(Number(group.points), next.levels)
    const afterThreshold = after ? after.threshold : -1
    if ((after?.id ?? null) === group.tier_id) {
      moves.members_unchanged += members
    } else if (afterThreshold > before) {
      moves.members_up += members
    } else if (afterThreshold < before) {
      moves.members_down += members
    } else {
      moves.members_unchanged += members
    }
  }
  return moves
}
