import type { LoyaltySettings } from "./settings"

/**
 * One concern of the loyalty service (accounts, reservations, referrals, schemes, maintenance, the
 * programme's figures): the module's repository, which the manager decorators of its methods open
 * their contexts on, and the settings and clock it reads the rules and "now" from.
 */
export abstract class LoyaltyConcern {
  constructor(
    protected readonly baseRepository_: unknown,
    protected readonly settings_: LoyaltySettings
  ) {}
}
