import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import {
  awardReferral,
  ClaimInput,
  claimReferral,
  codeOwner,
  createReferralCodes,
  readReferralCode,
  recordInvitations,
  ReferralAward,
  referralCounts,
  reverseReferralAward,
} from "../ledger/referrals"
import { LoyaltyConcern } from "./concern"

type Ctx = Context<SqlEntityManager>

/** Referral codes, claims, awards and invitations (the ledger side is `ledger/referrals.ts`). */
export class LoyaltyReferrals extends LoyaltyConcern {
  /**
   * The customer's referral code and link (null before their code is made: on `customer.created`,
   * or by the backfill) and what it brought: invited, joined, rewarded. Only reads.
   */
  @InjectManager()
  async getReferral(customerId: string, @MedusaContext() ctx: Ctx = {}) {
    const manager = ctx.manager!
    const code = await readReferralCode(manager, customerId)
    const counts = await referralCounts(manager, customerId)
    const url =
      code === null
        ? null
        : (await this.settings_.effectiveOptions()).referrals.url.replace("{code}", encodeURIComponent(code))
    return { code, url, ...counts }
  }

  /** Gives each customer without a referral code one; returns the ids of the codes made. */
  @InjectTransactionManager()
  async createReferralCodes(customerIds: string[], @MedusaContext() ctx: Ctx = {}) {
    return await createReferralCodes(ctx.transactionManager!, customerIds)
  }

  /** Whose code this is (undefined: no such code). */
  @InjectManager()
  async retrieveReferralCodeOwner(code: string, @MedusaContext() ctx: Ctx = {}) {
    return await codeOwner(ctx.manager!, code)
  }

  /** Decides and records a claim (accepted, or refused with its reason); null when the code does not exist. */
  @InjectTransactionManager()
  async claimReferral(input: Omit<ClaimInput, "max_claims_per_day" | "now">, @MedusaContext() ctx: Ctx = {}) {
    return await claimReferral(ctx.transactionManager!, {
      ...input,
      max_claims_per_day: (await this.settings_.effectiveOptions()).referrals.max_claims_per_day,
      now: this.settings_.now(),
    })
  }

  /** Awards both sides of the referee's accepted claim for their first order (once); null when there is none. */
  @InjectTransactionManager()
  async awardReferral(
    award: Omit<ReferralAward, "advocate_points" | "referee_points">,
    @MedusaContext() ctx: Ctx = {}
  ) {
    const { referrals } = await this.settings_.effectiveOptions()
    return await awardReferral(
      ctx.transactionManager!,
      {
        ...award,
        advocate_points: referrals.advocate_points,
        referee_points: referrals.referee_points,
      },
      await this.settings_.postContext()
    )
  }

  /** Takes back a referral award whose first order was canceled (once); null when the order awarded none. */
  @InjectTransactionManager()
  async reverseReferralAward(orderId: string, @MedusaContext() ctx: Ctx = {}) {
    return await reverseReferralAward(ctx.transactionManager!, orderId, await this.settings_.postContext())
  }

  /** Records an advocate's invitations; returns the (normalised) addresses not invited by them before. */
  @InjectTransactionManager()
  async recordReferralInvitations(advocateId: string, emails: string[], @MedusaContext() ctx: Ctx = {}) {
    return await recordInvitations(ctx.transactionManager!, advocateId, emails)
  }
}
