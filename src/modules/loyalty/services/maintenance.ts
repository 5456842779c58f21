import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import { accountsWithExpiredLots, maturedPendingLots, setLotState } from "../ledger/lots"
import { postEntries } from "../ledger/post-entries"
import { releasePendingLot } from "../ledger/release-lot"
import { accountsLeavingWindow, periodPoints, settleTier, TierChange } from "../ledger/tier-state"
import { lockAccounts, saveAccount } from "../ledger/queries"
import { LoyaltyConcern } from "./concern"

type Ctx = Context<SqlEntityManager>

/** What the maintenance job runs: expiry, maturing pending points, tier windows, one page at a time. */
export class LoyaltyMaintenance extends LoyaltyConcern {
  /** Writes `expire` rows for what is left of expired lots (one page); returns the customers touched. */
  async expireLots(limit = 500): Promise<string[]> {
    await this.settings_.effectiveOptions()
    const now = this.settings_.now()
    const due = await this.findExpiredLots_(now, limit)
    for (const lot of due) {
      await this.expireLot_(lot.customer_id, lot.lot_id, lot.remaining, now)
    }
    return due.map((lot) => lot.customer_id)
  }

  /** Makes matured pending lots spendable (one page); returns the tier changes it caused. */
  async releaseMaturedLots(
    limit = 500
  ): Promise<{ released: number; customer_ids: string[]; tier_changes: TierChange[] }> {
    await this.settings_.effectiveOptions()
    const now = this.settings_.now()
    const due = await this.findMaturedLots_(now, limit)
    const tierChanges: TierChange[] = []
    const customerIds: string[] = []
    let released = 0
    for (const lot of due) {
      const result = await this.releaseLot_(lot.customer_id, lot.lot_id, now)
      if (result.released) {
        released += 1
        customerIds.push(lot.customer_id)
      }
      if (result.tier_change) {
        tierChanges.push(result.tier_change)
      }
    }
    return { released, customer_ids: customerIds, tier_changes: tierChanges }
  }

  /** Recomputes the window points of accounts whose points left the window in the last `lookbackMs`. */
  async refreshTierWindows(lookbackMs = 2 * 86_400_000, limit = 1000): Promise<TierChange[]> {
    const { tiers } = await this.settings_.effectiveOptions()
    if (tiers.basis !== "period") {
      return []
    }
    const now = this.settings_.now()
    const windowStart = new Date(now.getTime() - tiers.window_days * 86_400_000)
    const accounts = await this.findAccountsLeavingWindow_(
      new Date(windowStart.getTime() - lookbackMs),
      windowStart,
      limit
    )
    const changes: TierChange[] = []
    for (const { customer_id } of accounts) {
      const change = await this.refreshPeriod_(customer_id, windowStart, now)
      if (change) {
        changes.push(change)
      }
    }
    return changes
  }

  @InjectManager()
  protected async findExpiredLots_(now: Date, limit: number, @MedusaContext() ctx: Ctx = {}) {
    return await accountsWithExpiredLots(ctx.manager!, now, limit)
  }

  @InjectManager()
  protected async findMaturedLots_(now: Date, limit: number, @MedusaContext() ctx: Ctx = {}) {
    return await maturedPendingLots(ctx.manager!, now, limit)
  }

  @InjectManager()
  protected async findAccountsLeavingWindow_(from: Date, to: Date, limit: number, @MedusaContext() ctx: Ctx = {}) {
    return await accountsLeavingWindow(ctx.manager!, from, to, limit)
  }

  @InjectTransactionManager()
  protected async expireLot_(
    customerId: string,
    lotId: string,
    remaining: number,
    now: Date,
    @MedusaContext() ctx: Ctx = {}
  ): Promise<void> {
    const manager = ctx.transactionManager!
    await postEntries(
      manager,
      [
        {
          customer_id: customerId,
          type: "expire",
          points: -remaining,
          idempotency_key: `expire:${lotId}`,
          reverses_transaction_ids: [lotId],
          reason: "points expired",
        },
      ],
      { ...(await this.settings_.postContext()), now, debt_policy: "write_off" }
    )
    await setLotState(manager, lotId, "expired")
  }

  @InjectTransactionManager()
  protected async releaseLot_(customerId: string, lotId: string, now: Date, @MedusaContext() ctx: Ctx = {}) {
    return await releasePendingLot(ctx.transactionManager!, customerId, lotId, await this.settings_.tierRules(), now)
  }

  @InjectTransactionManager()
  protected async refreshPeriod_(
    customerId: string,
    windowStart: Date,
    now: Date,
    @MedusaContext() ctx: Ctx = {}
  ): Promise<TierChange | null> {
    const manager = ctx.transactionManager!
    const [account] = await lockAccounts(manager, [customerId])
    if (!account) {
      return null
    }
    account.period_points = await periodPoints(manager, account, windowStart)
    const change = settleTier(account, await this.settings_.tierRules(), now)
    await saveAccount(manager, account)
    return change
  }
}
