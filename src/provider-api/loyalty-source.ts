import { ErrorAnswer, platformFailureAnswer, PlatformFailureType } from "./platform-failure"
import type { StoreEngagementLoyalty } from "../types/store"

/** A customer's loyalty summary as the module builds it: the store's answer, with dates as `Date`. */
export type LoyaltySummary = StoreEngagementLoyalty<Date>

/**
 * Where a shopper's loyalty figures come from when the store's own ledger does not keep them
 * (`loyalty.source` names a platform): that platform answers the same summaries, mapped to the
 * same shapes, and the local ledger is neither read nor written for them.
 */
export interface LoyaltySource {
  /** the platform's name, as the store's answers name it */
  readonly platform: string
  /** the summary a shopper and an admin see (`GET /store/engagement/loyalty`) */
  summary(customerId: string): Promise<LoyaltySummary>
  /** the schemes the shopper can join, each with whether they have (`GET /store/engagement/reward-schemes`) */
  rewardSchemes(customerId: string): Promise<SourceRewardScheme[]>
  /** the schemes the shopper joined, for the admin's view */
  joinedSchemes(
    customerId: string
  ): Promise<{ id: string; name: string; email: string | null; joined_at: string | null }[]>
  /** the shopper's automatic spend preference, when the platform keeps one (`GET /store/engagement/loyalty/preferences`) */
  autoSpend?(customerId: string): Promise<{ enabled: boolean; minimum_points: number }>
  /** the shopper's own referral code on the platform, when it gives one (`GET /store/engagement/referral`) */
  referralCode?(customerId: string): Promise<string | null>
}

export interface SourceRewardScheme {
  id: string
  name: string
  description: string
  /** null: the platform does not say (it applies its own rules) */
  multiplier: number | null
  signup_bonus: number | null
  closed_loop: boolean
  allowed_domains: string[]
  joined: boolean
}

/**
 * Why a source could not answer; `status` is the HTTP status the store answers with (never a
 * 5xx): 409 while the shopper is not on the platform yet, 424 (Failed Dependency) naming the
 * platform and what failed when it does not answer, refuses the store or answers something unreadable.
 */
export class LoyaltySourceError extends Error {
  constructor(
    readonly status: 409 | 424,
    readonly type: "conflict" | PlatformFailureType,
    message: string,
    readonly failure?: { platform: string; failed: string; retryAfterMs?: number }
  ) {
    super(message)
  }
}

/** The store's answer to a source error; null for any other error. */
export function loyaltySourceErrorAnswer(error: unknown): ErrorAnswer | null {
  if (!(error instanceof LoyaltySourceError)) {
    return null
  }
  const type = error.type
  if (error.failure && type !== "conflict") {
    const { platform, failed, retryAfterMs } = error.failure
    return platformFailureAnswer({ type, message: error.message, platform, failed }, retryAfterMs)
  }
  return { status: error.status, body: { type: error.type, message: error.message } }
}
