import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { runSql } from "../../../utils/sql"
import { expiryBuckets } from "./lots"
import { bucketsFrom } from "./summary"

/** Accounts per tier id (null: no tier), for the tiers that have members. */
export async function membersPerTier(manager: SqlEntityManager) {
  const rows = await runSql<{ tier_id: string | null; members: string }>(
    manager,
    `SELECT tier_id, COUNT(*) AS members FROM loyalty_account WHERE deleted_at IS NULL GROUP BY tier_id`
  )
  return rows.map((row) => ({ tier_id: row.tier_id, members: Number(row.members) }))
}

/** The whole programme: points outstanding, accounts per tier, what expires when, the latest adjustments. */
export async function programmeFigures(manager: SqlEntityManager, now: Date) {
  const [totals] = await runSql<Record<string, string>>(
    manager,
    `SELECT COUNT(*) AS accounts, COALESCE(SUM(balance), 0) AS balance, COALESCE(SUM(pending), 0) AS pending,
            COALESCE(SUM(reserved), 0) AS reserved, COALESCE(SUM(debt), 0) AS debt
       FROM loyalty_account WHERE deleted_at IS NULL`
  )
  const tiers = await membersPerTier(manager)
  const adjustments = await runSql<Record<string, unknown>>(
    manager,
    `SELECT id, customer_id, points, reason, actor_id, created_at FROM loyalty_transaction
      WHERE type = 'adjust' AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 10`
  )
  return {
    accounts: Number(totals.accounts),
    balance: Number(totals.balance),
    pending: Number(totals.pending),
    reserved: Number(totals.reserved),
    debt: Number(totals.debt),
    tiers,
    expiring: bucketsFrom(await expiryBuckets(manager, null, now)),
    latest_adjustments: adjustments,
  }
}
