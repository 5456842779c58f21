import type { LoyaltySummary } from "./ledger/summary"

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
 * 500): 409 while the shopper is not on the platform yet, 503 when it does not answer, 502 when it
 * refuses the store or answers something unreadable.
 */
export class LoyaltySourceError extends Error {
  constructor(
    readonly status: 409 | 502 | 503,
    readonly type: "conflict" | "platform_error" | "platform_unavailable",
    message: string
  ) {
    super(message)
  }
}

/** The store's answer to a source error; null for any other error. */
export function loyaltySourceErrorAnswer(
  error: unknown
): { status: number; body: { type: string; message: string } } | null {
  return error instanceof LoyaltySourceError
    ? { status: error.status, body: { type: error.type, message: error.message } }
    : null
}
