import type { IEventBusModuleService } from "@medusajs/framework/types"
import { MedusaService } from "@medusajs/framework/utils"
import type { PostEntriesContext } from "../ledger/post-entries"
import type { TierRules } from "../ledger/tier-state"
import LoyaltyAccount from "../models/loyalty-account"
import LoyaltyAllocation from "../models/loyalty-allocation"
import LoyaltyPreference from "../models/loyalty-preference"
import LoyaltyReferral from "../models/loyalty-referral"
import LoyaltyReferralCode from "../models/loyalty-referral-code"
import LoyaltyReferralInvitation from "../models/loyalty-referral-invitation"
import LoyaltyReservation from "../models/loyalty-reservation"
import LoyaltySchemeAttempt from "../models/loyalty-scheme-attempt"
import LoyaltySchemeMembership from "../models/loyalty-scheme-membership"
import LoyaltySchemeVerification from "../models/loyalty-scheme-verification"
import LoyaltyTransaction from "../models/loyalty-transaction"
import { LoyaltyModuleOptions, resolveLoyaltyOptions, ResolvedLoyaltyOptions } from "../options"

/**
 * The loyalty module's models (with Medusa's generated list/create/update/delete methods) and its
 * options. The module's methods are added by concern in the files of this folder, each extending
 * the one before; `service.ts` is the last and the one the module exports.
 */
export class LoyaltyServiceBase extends MedusaService({
  LoyaltyAccount,
  LoyaltyTransaction,
  LoyaltyAllocation,
  LoyaltyReservation,
  LoyaltyReferral,
  LoyaltyReferralCode,
  LoyaltyReferralInvitation,
  LoyaltySchemeMembership,
  LoyaltySchemeVerification,
  LoyaltySchemeAttempt,
  LoyaltyPreference,
}) {
  protected readonly options_: ResolvedLoyaltyOptions
  /** set by MedusaService from the module's container when the application has an event bus */
  declare protected readonly eventBusModuleService_: IEventBusModuleService | undefined

  constructor(container: Record<string, unknown>, options: { loyalty?: LoyaltyModuleOptions } = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveLoyaltyOptions(options)
  }

  /**
   * The module's "now". The system clock, unless a test or a simulation sets another with
   * `useClock` (the model-based ledger test moves time through pending periods and expiries).
   */
  private clock_: () => Date = () => new Date()

  // an arrow, so the instance is set even when called through a proxy (as the test runner's is)
  readonly useClock = (clock: (() => Date) | null): void => {
    this.clock_ = clock ?? (() => new Date())
  }

  protected now_(): Date {
    return this.clock_()
  }

  get options(): ResolvedLoyaltyOptions {
    return this.options_
  }

  protected get tierRules_(): TierRules {
    return this.options_.tiers
  }

  /** What every ledger change is posted with: now, the debt policy, the tiers, the default expiry. */
  protected postContext_(): PostEntriesContext {
    return {
      now: this.now_(),
      debt_policy: this.options_.debt_policy,
      tiers: this.tierRules_,
      expiry_days: this.options_.expiry_days,
    }
  }
}
