import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, MedusaContext } from "@medusajs/framework/utils"
import { membersPerTier, programmeFigures } from "../ledger/programme"
import { verifyAccounts, LedgerDifference } from "../ledger/verify"
import { programmeWeeks } from "../ledger/weekly"
import { LoyaltyConcern } from "./concern"

type Ctx = Context<SqlEntityManager>

/** The programme as a whole, read only: its liability, its charts, and the ledger's own check. */
export class LoyaltyProgramme extends LoyaltyConcern {
  /** The programme's liability: outstanding points, tiers with members, expiry buckets, latest adjustments. */
  @InjectManager()
  async getProgrammeSummary(@MedusaContext() ctx: Ctx = {}) {
    return await programmeFigures(ctx.manager!, this.settings_.now())
  }

  /**
   * The programme's charts: the last `weeks` weeks (points issued, redeemed and expired, and
   * outstanding at each week's end) and the members of each tier.
   */
  @InjectManager()
  async getProgrammeCharts(weeks: number, @MedusaContext() ctx: Ctx = {}) {
    const manager = ctx.manager!
    return { weeks: await programmeWeeks(manager, weeks, this.settings_.now()), members: await membersPerTier(manager) }
  }

  /** Every account whose stored figures differ from its ledger and lots. */
  @InjectManager()
  async verifyLedger(@MedusaContext() ctx: Ctx = {}): Promise<LedgerDifference[]> {
    return await verifyAccounts(ctx.manager!, this.settings_.now())
  }
}
