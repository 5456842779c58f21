import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import {
  AttemptLimits,
  checkVerification,
  joinScheme,
  leaveScheme,
  memberSchemeIds,
  restoreMembership,
  startVerification,
} from "../ledger/schemes"
import type { SchemeOptions } from "../options"
import { LoyaltyConcern } from "./concern"

type Ctx = Context<SqlEntityManager>

/** Reward scheme memberships and closed-loop verifications (the ledger side is `ledger/schemes.ts`). */
export class LoyaltySchemes extends LoyaltyConcern {
  /** A reward scheme in effect now (undefined: none with this id), the settings saved in the admin included. */
  async rewardScheme(schemeId: string): Promise<SchemeOptions | undefined> {
    return (await this.settings_.effectiveOptions()).schemes.list.find((scheme) => scheme.id === schemeId)
  }

  /** The ids of the schemes the customer is a member of. */
  @InjectManager()
  async listMemberSchemeIds(customerId: string, @MedusaContext() ctx: Ctx = {}) {
    return await memberSchemeIds(ctx.manager!, customerId)
  }

  /** Joins a scheme (the sign-up bonus the first time ever); `membership_id` is null when already a member. */
  @InjectTransactionManager()
  async joinRewardScheme(
    input: { customer_id: string; scheme_id: string; email: string | null },
    @MedusaContext() ctx: Ctx = {}
  ) {
    return await joinScheme(
      ctx.transactionManager!,
      { customer_id: input.customer_id, scheme: (await this.rewardScheme(input.scheme_id))!, email: input.email },
      await this.settings_.postContext()
    )
  }

  /** Leaves a scheme; the id of the membership ended (null when not a member). */
  @InjectTransactionManager()
  async leaveRewardScheme(customerId: string, schemeId: string, @MedusaContext() ctx: Ctx = {}) {
    return await leaveScheme(ctx.transactionManager!, customerId, schemeId)
  }

  @InjectTransactionManager()
  async restoreRewardSchemeMembership(membershipId: string, @MedusaContext() ctx: Ctx = {}) {
    await restoreMembership(ctx.transactionManager!, membershipId)
  }

  /** Starts a closed-loop verification (replacing an open one); returns the plain code to send and its expiry, or why not and until when. */
  @InjectTransactionManager()
  async startSchemeVerification(
    input: { customer_id: string; scheme_id: string; email: string },
    @MedusaContext() ctx: Ctx = {}
  ) {
    const now = this.settings_.now()
    const expiresAt = new Date(
      now.getTime() + (await this.settings_.effectiveOptions()).schemes.code_ttl_minutes * 60_000
    )
    const started = await startVerification(ctx.transactionManager!, {
      ...input,
      expires_at: expiresAt,
      secret: this.codeSecret_(),
      now,
      limits: await this.attemptLimits_(),
    })
    return { ...started, expires_at: expiresAt }
  }

  /**
   * Checks a verification code and, when right, joins the scheme in the same transaction. A
   * wrong code is counted (committed), so the tries are bounded.
   */
  @InjectTransactionManager()
  async verifySchemeCode(
    input: { customer_id: string; scheme_id: string; code: string },
    @MedusaContext() ctx: Ctx = {}
  ) {
    const manager = ctx.transactionManager!
    const checked = await checkVerification(manager, {
      ...input,
      now: this.settings_.now(),
      max_tries: (await this.settings_.effectiveOptions()).schemes.max_tries,
      secret: this.codeSecret_(),
      limits: await this.attemptLimits_(),
    })
    if (checked.outcome !== "verified") {
      return { ...checked, membership_id: null, results: [], tier_changes: [] }
    }
    const joined = await joinScheme(
      manager,
      { customer_id: input.customer_id, scheme: (await this.rewardScheme(input.scheme_id))!, email: checked.email },
      await this.settings_.postContext()
    )
    return { ...checked, ...joined }
  }

  protected async attemptLimits_(): Promise<AttemptLimits> {
    const { max_tries_per_hour, max_tries_per_day, max_codes_per_address_per_hour } = (
      await this.settings_.effectiveOptions()
    ).schemes
    return {
      tries_per_hour: max_tries_per_hour,
      tries_per_day: max_tries_per_day,
      codes_per_address_per_hour: max_codes_per_address_per_hour,
    }
  }

  /** Start-up refuses a closed-loop scheme without the secret, so only a misuse gets here. */
  protected codeSecret_(): string {
    const secret = this.settings_.options.schemes.code_secret
    if (!secret) {
      throw new Error("loyalty.schemes.code_secret is not set: verification codes need it")
    }
    return secret
  }
}
