import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, MedusaContext } from "@medusajs/framework/utils"
import { VersionedSettings } from "../../../utils/versioned-settings"
import { previewTierMoves } from "../ledger/tier-preview"
import { LOYALTY_SETTINGS_AREAS, loyaltyProblemsWith } from "../settings"
import type { PostEntriesContext } from "../ledger/post-entries"
import type { TierRules } from "../ledger/tier-state"
import type { ResolvedLoyaltyOptions } from "../options"

type Ctx = Context<SqlEntityManager>

/**
 * The rules the ledger runs by: the options with the settings saved in the admin in effect, and
 * the module's clock. Every other concern of the service reads "now" and the rules from here.
 */
export class LoyaltySettings extends VersionedSettings<ResolvedLoyaltyOptions> {
  /**
   * The module's "now". The system clock, unless a test or a simulation sets another with
   * `useClock` (the model-based ledger test moves time through pending periods and expiries).
   */
  private clock_: () => Date = () => new Date()

  constructor(baseRepository: unknown, options: ResolvedLoyaltyOptions) {
    super({
      baseRepository,
      table: "loyalty_setting_version",
      areas: LOYALTY_SETTINGS_AREAS,
      options,
      // the options as a whole, with the area's values in place, must still pass the options' schema
      problems: (area, values) => loyaltyProblemsWith(options, area, values),
    })
  }

  useClock(clock: (() => Date) | null): void {
    this.clock_ = clock ?? (() => new Date())
  }

  now(): Date {
    return this.clock_()
  }

  /** How many members the tier rules `next` would move up or down (before the owner saves them). */
  @InjectManager()
  async previewTierMoves(next: TierRules, @MedusaContext() ctx: Ctx = {}) {
    return await previewTierMoves(ctx.manager!, (await this.effectiveOptions()).tiers, next)
  }

  /** The tier rules of the ledger in effect now (the settings saved in the admin included). */
  async tierRules(): Promise<TierRules> {
    return (await this.effectiveOptions()).tiers
  }

  /**
   * What every ledger change is posted with: now, the debt policy, the tiers, the default expiry,
   * as in effect now: read at use time, never the values some earlier call happened to load.
   */
  async postContext(): Promise<PostEntriesContext> {
    const options = await this.effectiveOptions()
    return {
      now: this.now(),
      debt_policy: options.debt_policy,
      tiers: options.tiers,
      expiry_days: options.expiry_days,
    }
  }
}
