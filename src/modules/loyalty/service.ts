import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import { postEntries } from "./ledger/post-entries"
import { PreferenceValues, savePreferences } from "./ledger/preferences"
import { membersPerTier, programmeFigures } from "./ledger/programme"
import { programmeWeeks } from "./ledger/weekly"
import { ensureAccounts, lockAccounts, saveAccount } from "./ledger/queries"
import { hasMaturedLots, matureAccount } from "./ledger/release-lot"
import { reverseOrder } from "./ledger/reverse-order"
import type { OrderReversal } from "./ledger/reversal"
import { buildSummary } from "./ledger/summary"
import { countTransactions } from "./ledger/aggregates"
import { LoyaltySummary } from "../../provider-api/loyalty-source"
import type { TierChange } from "./ledger/tier-state"
import { verifyAccounts, LedgerDifference } from "./ledger/verify"
import { LoyaltyMaintenanceMethods } from "./services/maintenance"
import { LOYALTY_EVENTS } from "./types"
import type { LoyaltyEntryInput, LoyaltyEntryResult } from "./types"

export interface PostResult {
  results: LoyaltyEntryResult[]
  tier_changes: TierChange[]
}

/**
 * The loyalty module: accounts with stored balances, an append-only ledger whose credits are
 * lots, and tiers. A façade over `ledger/`: every change goes through `postLoyaltyEntries`, which
 * locks the accounts and writes each balance change together with its ledger row. The methods of
 * each concern are in `services/` (models and options, reservations, referrals, schemes,
 * maintenance), each class extending the one before; this one adds the ledger's core.
 */
export default class LoyaltyModuleService extends LoyaltyMaintenanceMethods {
  /** Applies entries atomically (all or none); a key already applied is a no-op. */
  @InjectTransactionManager()
  async postLoyaltyEntries(
    entries: LoyaltyEntryInput[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<PostResult> {
    await this.effectiveOptions()
    const { results, tier_changes } = await postEntries(
      sharedContext.transactionManager!,
      entries,
      await this.postContext_()
    )
    return { results, tier_changes }
  }

  /** Takes back what an order earned (whole, or for the units returned) and gives back what it redeemed. */
  @InjectTransactionManager()
  async reverseLoyaltyOrder(
    reversal: OrderReversal,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<PostResult> {
    await this.effectiveOptions()
    const { results, tier_changes } = await reverseOrder(
      sharedContext.transactionManager!,
      reversal,
      await this.postContext_()
    )
    return { results, tier_changes }
  }

  /** Blocks or unblocks spending on a customer's account (an admin's decision, with a reason). */
  @InjectTransactionManager()
  async setSpendingBlocked(
    customerId: string,
    blocked: boolean,
    reason: string,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<{ spending_blocked: boolean; blocked_reason: string | null } | null> {
    const manager = sharedContext.transactionManager!
    // an account is made on first use, so a block can come before any points
    await ensureAccounts(manager, [customerId])
    const [account] = await lockAccounts(manager, [customerId])
    if (!account) {
      return null
    }
    const previous = { spending_blocked: account.spending_blocked, blocked_reason: account.blocked_reason }
    // an admin's unblock does not lift a block caused by a debt still owed beyond what carts hold
    // (the rule of settleDebtBlock: held points cover a debt)
    const owes = account.debt > account.reserved
    account.spending_blocked = blocked || owes
    account.blocked_reason = blocked ? reason : owes ? "debt" : null
    await saveAccount(manager, account)
    return previous
  }

  /** Saves a shopper's loyalty preferences (one row per customer, however many save at once); returns what it replaced. */
  @InjectTransactionManager()
  async saveLoyaltyPreferences(
    customerId: string,
    values: PreferenceValues,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await savePreferences(sharedContext.transactionManager!, customerId, values)
  }

  /**
   * The summary a shopper and an admin see: one indexed read of the account, one of its open lots.
   * Points whose pending period is over are made spendable first (see matureLoyaltyPoints).
   */
  @InjectManager()
  async getLoyaltySummary(
    customerId: string,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<LoyaltySummary> {
    await this.matureLoyaltyPoints(customerId)
    await this.effectiveOptions()
    return await buildSummary(sharedContext.manager!, customerId, await this.tierRules_(), this.now_())
  }

  /** The customer's ledger rows (of the types, or all), from its row counts: the same cost at any history. */
  @InjectManager()
  async countLoyaltyTransactions(
    customerId: string,
    types?: string[],
    @MedusaContext() ctx: Context<SqlEntityManager> = {}
  ) {
    return await countTransactions(ctx.manager!, customerId, types)
  }

  /**
   * Makes the customer's pending points whose date has come spendable now, under the account's
   * lock: run before every read of the spendable balance, so points become spendable when their
   * date comes whether or not the maintenance job has run. A read with nothing matured writes nothing.
   */
  async matureLoyaltyPoints(customerId: string): Promise<TierChange | null> {
    const now = this.now_()
    if (!(await this.hasMaturedLots_(customerId, now))) {
      return null
    }
    const tierChange = await this.matureAccount_(customerId, now)
    // as the maintenance job does when it matures them: the new figures (and tier) follow onto the
    // contact and the platforms; emitted after the commit, so a subscriber reads what was written
    const events: { name: string; data: unknown }[] = [
      { name: LOYALTY_EVENTS.ACCOUNT_CHANGED, data: { customer_ids: [customerId] } },
    ]
    if (tierChange) {
      events.unshift({ name: LOYALTY_EVENTS.TIER_CHANGED, data: tierChange })
    }
    await this.eventBusModuleService_?.emit(events)
    return tierChange
  }

  @InjectManager()
  protected async hasMaturedLots_(
    customerId: string,
    now: Date,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<boolean> {
    return await hasMaturedLots(sharedContext.manager!, customerId, now)
  }

  @InjectTransactionManager()
  protected async matureAccount_(
    customerId: string,
    now: Date,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<TierChange | null> {
    return (await matureAccount(sharedContext.transactionManager!, customerId, await this.tierRules_(), now))
      .tier_change
  }

  /** The programme's liability: outstanding points, tiers with members, expiry buckets, latest adjustments. */
  @InjectManager()
  async getProgrammeSummary(@MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await programmeFigures(sharedContext.manager!, this.now_())
  }

  /**
   * The programme's charts: the last `weeks` weeks (points issued, redeemed and expired, and
   * outstanding at each week's end) and the members of each tier.
   */
  @InjectManager()
  async getProgrammeCharts(weeks: number, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    const manager = sharedContext.manager!
    return { weeks: await programmeWeeks(manager, weeks, this.now_()), members: await membersPerTier(manager) }
  }

  /** Every account whose stored figures differ from its ledger and lots. */
  @InjectManager()
  async verifyLedger(@MedusaContext() sharedContext: Context<SqlEntityManager> = {}): Promise<LedgerDifference[]> {
    return await verifyAccounts(sharedContext.manager!, this.now_())
  }
}
