import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import LoyaltyAccount from "./models/loyalty-account"
import LoyaltyAllocation from "./models/loyalty-allocation"
import LoyaltyPreference from "./models/loyalty-preference"
import LoyaltyReservation from "./models/loyalty-reservation"
import LoyaltyTransaction from "./models/loyalty-transaction"
import LoyaltyReferral from "./models/loyalty-referral"
import LoyaltyReferralCode from "./models/loyalty-referral-code"
import LoyaltyReferralInvitation from "./models/loyalty-referral-invitation"
import LoyaltySchemeMembership from "./models/loyalty-scheme-membership"
import LoyaltySchemeVerification from "./models/loyalty-scheme-verification"
import { checkVerification, joinScheme, leaveScheme, memberSchemeIds, restoreMembership, startVerification } from "./ledger/schemes"
import { LoyaltyModuleOptions, resolveLoyaltyOptions, ResolvedLoyaltyOptions, SchemeOptions } from "./options"
import { accountsWithExpiredLots, maturedPendingLots, setLotState } from "./ledger/lots"
import { postEntries } from "./ledger/post-entries"
import { programmeFigures } from "./ledger/programme"
import { reverseOrder } from "./ledger/reverse-order"
import {
  commitReservation,
  expiredReservations,
  releaseReservation,
  reservationOf,
  reservationsOfCustomer,
  reservePoints,
  ReserveInput,
} from "./ledger/reservations"
import type { OrderReversal } from "./ledger/reversal"
import {
  awardReferral,
  ClaimInput,
  claimReferral,
  codeOwner,
  recordInvitations,
  ReferralAward,
  readReferralCode,
  createReferralCodes,
  referralCounts,
  reverseReferralAward,
} from "./ledger/referrals"
import { releasePendingLot } from "./ledger/release-lot"
import { buildSummary, LoyaltySummary } from "./ledger/summary"
import { accountsLeavingWindow, periodPoints, settleTier, TierChange, TierRules } from "./ledger/tier-state"
import { ensureAccounts, lockAccounts, saveAccount } from "./ledger/queries"
import { verifyAccounts, LedgerDifference } from "./ledger/verify"
import type { LoyaltyEntryInput, LoyaltyEntryResult } from "./types"

export interface PostResult {
  results: LoyaltyEntryResult[]
  tier_changes: TierChange[]
}

/**
 * The loyalty module: accounts with stored balances, an append-only ledger whose credits are
 * lots, and tiers. A façade over `ledger/`: every change goes through `postLoyaltyEntries`, which
 * locks the accounts and writes each balance change together with its ledger row.
 */
export default class LoyaltyModuleService extends MedusaService({
  LoyaltyAccount,
  LoyaltyTransaction,
  LoyaltyAllocation,
  LoyaltyReservation,
  LoyaltyReferral,
  LoyaltyReferralCode,
  LoyaltyReferralInvitation,
  LoyaltySchemeMembership,
  LoyaltySchemeVerification,
  LoyaltyPreference,
}) {
  protected readonly options_: ResolvedLoyaltyOptions

  constructor(container: Record<string, unknown>, options: { loyalty?: LoyaltyModuleOptions } = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveLoyaltyOptions(options)
  }

  get options(): ResolvedLoyaltyOptions {
    return this.options_
  }

  protected get tierRules_(): TierRules {
    return this.options_.tiers
  }

  /** Applies entries atomically (all or none); a key already applied is a no-op. */
  @InjectTransactionManager()
  async postLoyaltyEntries(
    entries: LoyaltyEntryInput[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<PostResult> {
    const { results, tier_changes } = await postEntries(sharedContext.transactionManager!, entries, {
      now: new Date(),
      debt_policy: this.options_.debt_policy,
      tiers: this.tierRules_,
    })
    return { results, tier_changes }
  }

  /** Takes back what an order earned (whole, or for the units returned) and gives back what it redeemed. */
  @InjectTransactionManager()
  async reverseLoyaltyOrder(
    reversal: OrderReversal,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<PostResult> {
    const { results, tier_changes } = await reverseOrder(sharedContext.transactionManager!, reversal, {
      now: new Date(),
      debt_policy: this.options_.debt_policy,
      tiers: this.tierRules_,
    })
    return { results, tier_changes }
  }

  /** Holds points for a cart (replacing what it held); refused when they are not spendable. */
  @InjectTransactionManager()
  async reserveLoyaltyPoints(input: ReserveInput, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await reservePoints(sharedContext.transactionManager!, input)
  }

  /** Gives a cart's held points back; returns what it held (null when nothing). */
  @InjectTransactionManager()
  async releaseLoyaltyReservation(cartId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await releaseReservation(sharedContext.transactionManager!, cartId)
  }

  /** The cart's held points become the order's one `redeem` row (once per cart). */
  @InjectTransactionManager()
  async commitLoyaltyReservation(
    cartId: string,
    orderId: string,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await commitReservation(sharedContext.transactionManager!, cartId, orderId, {
      now: new Date(),
      debt_policy: this.options_.debt_policy,
      tiers: this.tierRules_,
    })
  }

  @InjectManager()
  async retrieveCartReservation(cartId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return (await reservationOf(sharedContext.manager!, cartId)) ?? null
  }

  @InjectManager()
  async listExpiredReservations(limit = 200, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await expiredReservations(sharedContext.manager!, new Date(), limit)
  }

  @InjectManager()
  async listHeldReservations(customerId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await reservationsOfCustomer(sharedContext.manager!, customerId)
  }

  /**
   * The customer's referral code and link (null before their code is made: on `customer.created`,
   * or by the backfill) and what it brought: invited, joined, rewarded. Only reads.
   */
  @InjectManager()
  async getReferral(customerId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    const manager = sharedContext.manager!
    const code = await readReferralCode(manager, customerId)
    const counts = await referralCounts(manager, customerId)
    const url = code === null ? null : this.options_.referrals.url.replace("{code}", encodeURIComponent(code))
    return { code, url, ...counts }
  }

  /** Gives each customer without a referral code one; returns the ids of the codes made. */
  @InjectTransactionManager()
  async createReferralCodes(customerIds: string[], @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await createReferralCodes(sharedContext.transactionManager!, customerIds)
  }

  /** Whose code this is (undefined: no such code). */
  @InjectManager()
  async retrieveReferralCodeOwner(code: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await codeOwner(sharedContext.manager!, code)
  }

  /** Decides and records a claim (accepted, or refused with its reason); null when the code does not exist. */
  @InjectTransactionManager()
  async claimReferral(
    input: Omit<ClaimInput, "max_claims_per_day" | "now">,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await claimReferral(sharedContext.transactionManager!, {
      ...input,
      max_claims_per_day: this.options_.referrals.max_claims_per_day,
      now: new Date(),
    })
  }

  /** Awards both sides of the referee's accepted claim for their first order (once); null when there is none. */
  @InjectTransactionManager()
  async awardReferral(
    award: Omit<ReferralAward, "advocate_points" | "referee_points">,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await awardReferral(
      sharedContext.transactionManager!,
      { ...award, advocate_points: this.options_.referrals.advocate_points, referee_points: this.options_.referrals.referee_points },
      { now: new Date(), debt_policy: this.options_.debt_policy, tiers: this.tierRules_ }
    )
  }

  /** Takes back a referral award whose first order was canceled (once); null when the order awarded none. */
  @InjectTransactionManager()
  async reverseReferralAward(orderId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await reverseReferralAward(sharedContext.transactionManager!, orderId, {
      now: new Date(),
      debt_policy: this.options_.debt_policy,
      tiers: this.tierRules_,
    })
  }

  /** Records an advocate's invitations; returns the (normalised) addresses not invited by them before. */
  @InjectTransactionManager()
  async recordReferralInvitations(
    advocateId: string,
    emails: string[],
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await recordInvitations(sharedContext.transactionManager!, advocateId, emails)
  }

  /** A configured reward scheme (undefined: none with this id). */
  rewardScheme(schemeId: string): SchemeOptions | undefined {
    return this.options_.schemes.list.find((scheme) => scheme.id === schemeId)
  }

  /** The ids of the schemes the customer is a member of. */
  @InjectManager()
  async listMemberSchemeIds(customerId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await memberSchemeIds(sharedContext.manager!, customerId)
  }

  /** Joins a scheme (the sign-up bonus the first time ever); `membership_id` is null when already a member. */
  @InjectTransactionManager()
  async joinRewardScheme(
    input: { customer_id: string; scheme_id: string; email: string | null },
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await joinScheme(
      sharedContext.transactionManager!,
      { customer_id: input.customer_id, scheme: this.rewardScheme(input.scheme_id)!, email: input.email },
      { now: new Date(), debt_policy: this.options_.debt_policy, tiers: this.tierRules_ }
    )
  }

  /** Leaves a scheme; the id of the membership ended (null when not a member). */
  @InjectTransactionManager()
  async leaveRewardScheme(customerId: string, schemeId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await leaveScheme(sharedContext.transactionManager!, customerId, schemeId)
  }

  @InjectTransactionManager()
  async restoreRewardSchemeMembership(membershipId: string, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    await restoreMembership(sharedContext.transactionManager!, membershipId)
  }

  /** Starts a closed-loop verification (replacing an open one); returns the plain code to send and its expiry. */
  @InjectTransactionManager()
  async startSchemeVerification(
    input: { customer_id: string; scheme_id: string; email: string },
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    const expiresAt = new Date(Date.now() + this.options_.schemes.code_ttl_minutes * 60_000)
    const started = await startVerification(sharedContext.transactionManager!, { ...input, expires_at: expiresAt, secret: this.codeSecret_() })
    return { ...started, expires_at: expiresAt }
  }

  /**
   * Checks a verification code and, when right, joins the scheme in the same transaction. A
   * wrong code is counted (committed), so the tries are bounded.
   */
  @InjectTransactionManager()
  async verifySchemeCode(
    input: { customer_id: string; scheme_id: string; code: string },
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    const manager = sharedContext.transactionManager!
    const checked = await checkVerification(manager, {
      ...input,
      now: new Date(),
      max_tries: this.options_.schemes.max_tries,
      secret: this.codeSecret_(),
    })
    if (checked.outcome !== "verified") {
      return { ...checked, membership_id: null, results: [], tier_changes: [] }
    }
    const joined = await joinScheme(
      manager,
      { customer_id: input.customer_id, scheme: this.rewardScheme(input.scheme_id)!, email: checked.email },
      { now: new Date(), debt_policy: this.options_.debt_policy, tiers: this.tierRules_ }
    )
    return { ...checked, ...joined }
  }

  /** Start-up refuses a closed-loop scheme without the secret, so only a misuse gets here. */
  protected codeSecret_(): string {
    const secret = this.options_.schemes.code_secret
    if (!secret) {
      throw new Error("loyalty.schemes.code_secret is not set: verification codes need it")
    }
    return secret
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
    // an admin's unblock does not lift a block caused by a debt that is still owed
    account.spending_blocked = blocked || account.debt > 0
    account.blocked_reason = blocked ? reason : account.debt > 0 ? "debt" : null
    await saveAccount(manager, account)
    return previous
  }

  /** The summary a shopper and an admin see: one indexed read of the account, one of its open lots. */
  @InjectManager()
  async getLoyaltySummary(
    customerId: string,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<LoyaltySummary> {
    return await buildSummary(sharedContext.manager!, customerId, this.tierRules_, new Date())
  }

  /** The programme's liability: outstanding points, tiers with members, expiry buckets, latest adjustments. */
  @InjectManager()
  async getProgrammeSummary(@MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await programmeFigures(sharedContext.manager!, new Date())
  }

  /** Writes `expire` rows for what is left of expired lots (one page); returns the customers touched. */
  async expireLots(limit = 500): Promise<string[]> {
    const now = new Date()
    const due = await this.findExpiredLots_(now, limit)
    for (const lot of due) {
      await this.expireLot_(lot.customer_id, lot.lot_id, lot.remaining, now)
    }
    return due.map((lot) => lot.customer_id)
  }

  /** Makes matured pending lots spendable (one page); returns the tier changes it caused. */
  async releaseMaturedLots(limit = 500): Promise<{ released: number; customer_ids: string[]; tier_changes: TierChange[] }> {
    const now = new Date()
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
    if (this.options_.tiers.basis !== "period") {
      return []
    }
    const now = new Date()
    const windowStart = new Date(now.getTime() - this.options_.tiers.window_days * 86_400_000)
    const accounts = await this.findAccountsLeavingWindow_(new Date(windowStart.getTime() - lookbackMs), windowStart, limit)
    const changes: TierChange[] = []
    for (const { customer_id } of accounts) {
      const change = await this.refreshPeriod_(customer_id, windowStart, now)
      if (change) {
        changes.push(change)
      }
    }
    return changes
  }

  /** Every account whose stored figures differ from its ledger and lots. */
  @InjectManager()
  async verifyLedger(@MedusaContext() sharedContext: Context<SqlEntityManager> = {}): Promise<LedgerDifference[]> {
    return await verifyAccounts(sharedContext.manager!)
  }

  @InjectManager()
  protected async findExpiredLots_(now: Date, limit: number, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await accountsWithExpiredLots(sharedContext.manager!, now, limit)
  }

  @InjectManager()
  protected async findMaturedLots_(now: Date, limit: number, @MedusaContext() sharedContext: Context<SqlEntityManager> = {}) {
    return await maturedPendingLots(sharedContext.manager!, now, limit)
  }

  @InjectManager()
  protected async findAccountsLeavingWindow_(
    from: Date,
    to: Date,
    limit: number,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await accountsLeavingWindow(sharedContext.manager!, from, to, limit)
  }

  @InjectTransactionManager()
  protected async expireLot_(
    customerId: string,
    lotId: string,
    remaining: number,
    now: Date,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager!
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
      { now, debt_policy: "write_off", tiers: this.tierRules_ }
    )
    await setLotState(manager, lotId, "expired")
  }

  @InjectTransactionManager()
  protected async releaseLot_(
    customerId: string,
    lotId: string,
    now: Date,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ) {
    return await releasePendingLot(sharedContext.transactionManager!, customerId, lotId, this.tierRules_, now)
  }

  @InjectTransactionManager()
  protected async refreshPeriod_(
    customerId: string,
    windowStart: Date,
    now: Date,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<TierChange | null> {
    const manager = sharedContext.transactionManager!
    const [account] = await lockAccounts(manager, [customerId])
    if (!account) {
      return null
    }
    account.period_points = await periodPoints(manager, account.id, windowStart)
    const change = settleTier(account, this.tierRules_, now)
    await saveAccount(manager, account)
    return change
  }
}
