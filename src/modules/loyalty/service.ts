import type { IEventBusModuleService } from "@medusajs/framework/types"
import { MedusaService } from "@medusajs/framework/utils"
import LoyaltyAccount from "./models/loyalty-account"
import LoyaltyAllocation from "./models/loyalty-allocation"
import LoyaltyPreference from "./models/loyalty-preference"
import LoyaltyReferral from "./models/loyalty-referral"
import LoyaltyReferralCode from "./models/loyalty-referral-code"
import LoyaltyReferralInvitation from "./models/loyalty-referral-invitation"
import LoyaltyReservation from "./models/loyalty-reservation"
import LoyaltySchemeAttempt from "./models/loyalty-scheme-attempt"
import LoyaltySchemeMembership from "./models/loyalty-scheme-membership"
import LoyaltySchemeVerification from "./models/loyalty-scheme-verification"
import LoyaltySettingVersion from "./models/loyalty-setting-version"
import LoyaltyTransaction from "./models/loyalty-transaction"
import { LoyaltyModuleOptions, resolveLoyaltyOptions, ResolvedLoyaltyOptions } from "./options"
import { LoyaltyAccounts } from "./services/accounts"
import { LoyaltyMaintenance } from "./services/maintenance"
import { LoyaltyProgramme } from "./services/programme"
import { LoyaltyReferrals } from "./services/referrals"
import { LoyaltyReservations } from "./services/reservations"
import { LoyaltySchemes } from "./services/schemes"
import { LoyaltySettings } from "./services/settings"
import type { SettingsOwner } from "../../utils/settings-areas"

export type { PostResult } from "./services/accounts"

/**
 * The loyalty module: accounts with stored balances, an append-only ledger whose credits are
 * lots, and tiers. A façade over one class per concern in `services/` (the settings and clock,
 * accounts, reservations, referrals, schemes, maintenance, the programme's figures), each a thin
 * layer over the ledger's functions in `ledger/`. Each method below hands its arguments to its
 * concern unchanged (the signatures, and the transaction each call opens, live there).
 */
export default class LoyaltyModuleService
  extends MedusaService({
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
    LoyaltySettingVersion,
  })
  implements SettingsOwner
{
  /** set by MedusaService from the module's container when the application has an event bus */
  declare protected readonly eventBusModuleService_: IEventBusModuleService | undefined
  protected readonly settings_: LoyaltySettings
  protected readonly accounts_: LoyaltyAccounts
  protected readonly reservations_: LoyaltyReservations
  protected readonly referrals_: LoyaltyReferrals
  protected readonly schemes_: LoyaltySchemes
  protected readonly maintenance_: LoyaltyMaintenance
  protected readonly programme_: LoyaltyProgramme

  constructor(
    container: { baseRepository: unknown } & Record<string, unknown>,
    options: { loyalty?: LoyaltyModuleOptions } = {}
  ) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    const { baseRepository } = container
    const settings = (this.settings_ = new LoyaltySettings(baseRepository, resolveLoyaltyOptions(options)))
    this.accounts_ = new LoyaltyAccounts(baseRepository, settings, this.eventBusModuleService_)
    this.reservations_ = new LoyaltyReservations(baseRepository, settings)
    this.referrals_ = new LoyaltyReferrals(baseRepository, settings)
    this.schemes_ = new LoyaltySchemes(baseRepository, settings)
    this.maintenance_ = new LoyaltyMaintenance(baseRepository, settings)
    this.programme_ = new LoyaltyProgramme(baseRepository, settings)
  }

  // the clock and the settings saved in the admin (services/settings.ts)

  /** The options as configured: the defaults of the settings an owner can save in the admin. */
  get options(): ResolvedLoyaltyOptions {
    return this.settings_.options
  }
  // an arrow, so the instance is set even when called through a proxy (as the test runner's is)
  readonly useClock = (clock: (() => Date) | null): void => this.settings_.useClock(clock)
  effectiveOptions() {
    return this.settings_.effectiveOptions()
  }
  settingsAreaIds() {
    return this.settings_.settingsAreaIds()
  }
  describeSettingsArea(...args: Parameters<LoyaltySettings["describeSettingsArea"]>) {
    return this.settings_.describeSettingsArea(...args)
  }
  parseSettingsValues(...args: Parameters<LoyaltySettings["parseSettingsValues"]>) {
    return this.settings_.parseSettingsValues(...args)
  }
  listSettingVersions(...args: Parameters<LoyaltySettings["listSettingVersions"]>) {
    return this.settings_.listSettingVersions(...args)
  }
  retrieveSettingVersion(...args: Parameters<LoyaltySettings["retrieveSettingVersion"]>) {
    return this.settings_.retrieveSettingVersion(...args)
  }
  previewTierMoves(...args: Parameters<LoyaltySettings["previewTierMoves"]>) {
    return this.settings_.previewTierMoves(...args)
  }
  saveSettingVersion(...args: Parameters<LoyaltySettings["saveSettingVersion"]>) {
    return this.settings_.saveSettingVersion(...args)
  }

  // the ledger on an account (services/accounts.ts)
  postLoyaltyEntries(...args: Parameters<LoyaltyAccounts["postLoyaltyEntries"]>) {
    return this.accounts_.postLoyaltyEntries(...args)
  }
  reverseLoyaltyOrder(...args: Parameters<LoyaltyAccounts["reverseLoyaltyOrder"]>) {
    return this.accounts_.reverseLoyaltyOrder(...args)
  }
  setSpendingBlocked(...args: Parameters<LoyaltyAccounts["setSpendingBlocked"]>) {
    return this.accounts_.setSpendingBlocked(...args)
  }
  saveLoyaltyPreferences(...args: Parameters<LoyaltyAccounts["saveLoyaltyPreferences"]>) {
    return this.accounts_.saveLoyaltyPreferences(...args)
  }
  getLoyaltySummary(...args: Parameters<LoyaltyAccounts["getLoyaltySummary"]>) {
    return this.accounts_.getLoyaltySummary(...args)
  }
  countLoyaltyTransactions(...args: Parameters<LoyaltyAccounts["countLoyaltyTransactions"]>) {
    return this.accounts_.countLoyaltyTransactions(...args)
  }
  listTypedLoyaltyTransactions(...args: Parameters<LoyaltyAccounts["listTypedLoyaltyTransactions"]>) {
    return this.accounts_.listTypedLoyaltyTransactions(...args)
  }
  matureLoyaltyPoints(...args: Parameters<LoyaltyAccounts["matureLoyaltyPoints"]>) {
    return this.accounts_.matureLoyaltyPoints(...args)
  }

  // points held by carts (services/reservations.ts)
  reserveLoyaltyPoints(...args: Parameters<LoyaltyReservations["reserveLoyaltyPoints"]>) {
    return this.reservations_.reserveLoyaltyPoints(...args)
  }
  releaseLoyaltyReservation(...args: Parameters<LoyaltyReservations["releaseLoyaltyReservation"]>) {
    return this.reservations_.releaseLoyaltyReservation(...args)
  }
  commitLoyaltyReservation(...args: Parameters<LoyaltyReservations["commitLoyaltyReservation"]>) {
    return this.reservations_.commitLoyaltyReservation(...args)
  }
  uncommitLoyaltyReservation(...args: Parameters<LoyaltyReservations["uncommitLoyaltyReservation"]>) {
    return this.reservations_.uncommitLoyaltyReservation(...args)
  }
  retrieveCartReservation(...args: Parameters<LoyaltyReservations["retrieveCartReservation"]>) {
    return this.reservations_.retrieveCartReservation(...args)
  }
  listExpiredReservations(...args: Parameters<LoyaltyReservations["listExpiredReservations"]>) {
    return this.reservations_.listExpiredReservations(...args)
  }
  listHeldReservations(...args: Parameters<LoyaltyReservations["listHeldReservations"]>) {
    return this.reservations_.listHeldReservations(...args)
  }

  // referral codes, claims, awards and invitations (services/referrals.ts)
  getReferral(...args: Parameters<LoyaltyReferrals["getReferral"]>) {
    return this.referrals_.getReferral(...args)
  }
  createReferralCodes(...args: Parameters<LoyaltyReferrals["createReferralCodes"]>) {
    return this.referrals_.createReferralCodes(...args)
  }
  retrieveReferralCodeOwner(...args: Parameters<LoyaltyReferrals["retrieveReferralCodeOwner"]>) {
    return this.referrals_.retrieveReferralCodeOwner(...args)
  }
  claimReferral(...args: Parameters<LoyaltyReferrals["claimReferral"]>) {
    return this.referrals_.claimReferral(...args)
  }
  awardReferral(...args: Parameters<LoyaltyReferrals["awardReferral"]>) {
    return this.referrals_.awardReferral(...args)
  }
  reverseReferralAward(...args: Parameters<LoyaltyReferrals["reverseReferralAward"]>) {
    return this.referrals_.reverseReferralAward(...args)
  }
  recordReferralInvitations(...args: Parameters<LoyaltyReferrals["recordReferralInvitations"]>) {
    return this.referrals_.recordReferralInvitations(...args)
  }

  // reward schemes and closed-loop verifications (services/schemes.ts)
  rewardScheme(...args: Parameters<LoyaltySchemes["rewardScheme"]>) {
    return this.schemes_.rewardScheme(...args)
  }
  listMemberSchemeIds(...args: Parameters<LoyaltySchemes["listMemberSchemeIds"]>) {
    return this.schemes_.listMemberSchemeIds(...args)
  }
  joinRewardScheme(...args: Parameters<LoyaltySchemes["joinRewardScheme"]>) {
    return this.schemes_.joinRewardScheme(...args)
  }
  leaveRewardScheme(...args: Parameters<LoyaltySchemes["leaveRewardScheme"]>) {
    return this.schemes_.leaveRewardScheme(...args)
  }
  restoreRewardSchemeMembership(...args: Parameters<LoyaltySchemes["restoreRewardSchemeMembership"]>) {
    return this.schemes_.restoreRewardSchemeMembership(...args)
  }
  startSchemeVerification(...args: Parameters<LoyaltySchemes["startSchemeVerification"]>) {
    return this.schemes_.startSchemeVerification(...args)
  }
  verifySchemeCode(...args: Parameters<LoyaltySchemes["verifySchemeCode"]>) {
    return this.schemes_.verifySchemeCode(...args)
  }

  // what the maintenance job runs, one page at a time (services/maintenance.ts)
  expireLots(...args: Parameters<LoyaltyMaintenance["expireLots"]>) {
    return this.maintenance_.expireLots(...args)
  }
  releaseMaturedLots(...args: Parameters<LoyaltyMaintenance["releaseMaturedLots"]>) {
    return this.maintenance_.releaseMaturedLots(...args)
  }
  refreshTierWindows(...args: Parameters<LoyaltyMaintenance["refreshTierWindows"]>) {
    return this.maintenance_.refreshTierWindows(...args)
  }

  // the programme as a whole, read only (services/programme.ts)
  getProgrammeSummary(...args: Parameters<LoyaltyProgramme["getProgrammeSummary"]>) {
    return this.programme_.getProgrammeSummary(...args)
  }
  getProgrammeCharts(...args: Parameters<LoyaltyProgramme["getProgrammeCharts"]>) {
    return this.programme_.getProgrammeCharts(...args)
  }
  verifyLedger(...args: Parameters<LoyaltyProgramme["verifyLedger"]>) {
    return this.programme_.verifyLedger(...args)
  }
}
