import type { Context, IEventBusModuleService } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import { postEntries } from "../ledger/post-entries"
import { PreferenceValues, savePreferences } from "../ledger/preferences"
import { ensureAccounts, lockAccounts, saveAccount } from "../ledger/queries"
import { hasMaturedLots, matureAccount } from "../ledger/release-lot"
import { reverseOrder } from "../ledger/reverse-order"
import type { OrderReversal } from "../ledger/reversal"
import { buildSummary } from "../ledger/summary"
import { countTransactions } from "../ledger/aggregates"
import { typedTransactionsPage } from "../ledger/typed-page"
import type { TierChange } from "../ledger/tier-state"
import type { LoyaltySummary } from "../../../provider-api/loyalty-source"
import { LOYALTY_EVENTS } from "../types"
import type { LoyaltyEntryInput, LoyaltyEntryResult } from "../types"
import type { LoyaltySettings } from "./settings"
import { LoyaltyConcern } from "./concern"

type Ctx = Context<SqlEntityManager>

export interface PostResult {
  results: LoyaltyEntryResult[]
  tier_changes: TierChange[]
}

/**
 * The ledger's core on a customer's account: every change goes through `postLoyaltyEntries`, which
 * locks the accounts and writes each balance change together with its ledger row; the summary, and
 * the maturing of pending points it runs first.
 */
export class LoyaltyAccounts extends LoyaltyConcern {
  constructor(
    baseRepository: unknown,
    settings: LoyaltySettings,
    // the application's event bus (none in a module test)
    protected readonly eventBus_: IEventBusModuleService | undefined
  ) {
    super(baseRepository, settings)
  }

  /** Applies entries atomically (all or none); a key already applied is a no-op. */
  @InjectTransactionManager()
  async postLoyaltyEntries(entries: LoyaltyEntryInput[], @MedusaContext() ctx: Ctx = {}): Promise<PostResult> {
    await this.settings_.effectiveOptions()
    const { results, tier_changes } = await postEntries(
      ctx.transactionManager!,
      entries,
      await this.settings_.postContext()
    )
    return { results, tier_changes }
  }

  /** Takes back what an order earned (whole, or for the units returned) and gives back what it redeemed. */
  @InjectTransactionManager()
  async reverseLoyaltyOrder(reversal: OrderReversal, @MedusaContext() ctx: Ctx = {}): Promise<PostResult> {
    await this.settings_.effectiveOptions()
    const { results, tier_changes } = await reverseOrder(
      ctx.transactionManager!,
      reversal,
      await this.settings_.postContext()
    )
    return { results, tier_changes }
  }

  /** Blocks or unblocks spending on a customer's account (an admin's decision, with a reason). */
  @InjectTransactionManager()
  async setSpendingBlocked(
    customerId: string,
    blocked: boolean,
    reason: string,
    @MedusaContext() ctx: Ctx = {}
  ): Promise<{ spending_blocked: boolean; blocked_reason: string | null } | null> {
    const manager = ctx.transactionManager!
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
  async saveLoyaltyPreferences(customerId: string, values: PreferenceValues, @MedusaContext() ctx: Ctx = {}) {
    return await savePreferences(ctx.transactionManager!, customerId, values)
  }

  /**
   * The summary a shopper and an admin see: one indexed read of the account, one of its open lots.
   * Points whose pending period is over are made spendable first (see matureLoyaltyPoints).
   */
  @InjectManager()
  async getLoyaltySummary(customerId: string, @MedusaContext() ctx: Ctx = {}): Promise<LoyaltySummary> {
    await this.matureLoyaltyPoints(customerId)
    await this.settings_.effectiveOptions()
    return await buildSummary(ctx.manager!, customerId, await this.settings_.tierRules(), this.settings_.now())
  }

  /** The customer's ledger rows (of the types, or all), from its row counts: the same cost at any history. */
  @InjectManager()
  async countLoyaltyTransactions(customerId: string, types?: string[], @MedusaContext() ctx: Ctx = {}) {
    return await countTransactions(ctx.manager!, customerId, types)
  }

  /** A page of the customer's rows of the given types, newest first: the same cost at any history (see typed-page.ts). */
  @InjectManager()
  async listTypedLoyaltyTransactions(
    customerId: string,
    types: string[],
    page: { select: string[]; take: number; skip: number },
    @MedusaContext() ctx: Ctx = {}
  ) {
    return await typedTransactionsPage(ctx.manager!, customerId, types, page.select, page.take, page.skip)
  }

  /**
   * Makes the customer's pending points whose date has come spendable now, under the account's
   * lock: run before every read of the spendable balance, so points become spendable when their
   * date comes whether or not the maintenance job has run. A read with nothing matured writes nothing.
   */
  async matureLoyaltyPoints(customerId: string): Promise<TierChange | null> {
    const now = this.settings_.now()
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
    await this.eventBus_?.emit(events)
    return tierChange
  }

  @InjectManager()
  protected async hasMaturedLots_(customerId: string, now: Date, @MedusaContext() ctx: Ctx = {}): Promise<boolean> {
    return await hasMaturedLots(ctx.manager!, customerId, now)
  }

  @InjectTransactionManager()
  protected async matureAccount_(
    customerId: string,
    now: Date,
    @MedusaContext() ctx: Ctx = {}
  ): Promise<TierChange | null> {
    return (await matureAccount(ctx.transactionManager!, customerId, await this.settings_.tierRules(), now)).tier_change
  }
}
