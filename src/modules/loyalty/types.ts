/** The loyalty module's container key (not "loyalty": Medusa's own loyalty plugin uses that one). */
export const LOYALTY_MODULE = "engagementLoyalty"

export const LOYALTY_TRANSACTION_TYPES = [
  "earn",
  "redeem",
  "expire",
  "reverse",
  "restore",
  "adjust",
  "referral",
  "scheme_bonus",
  "debt_repayment",
] as const
export type LoyaltyTransactionType = (typeof LOYALTY_TRANSACTION_TYPES)[number]

/** Credits that count as points collected: for tiers, lifetime points and the total earned. */
export const COLLECTED_TYPES: readonly LoyaltyTransactionType[] = ["earn", "referral", "scheme_bonus"]

/** What happens to points reversed after they were spent. */
export const DEBT_POLICIES = ["block", "write_off"] as const
export type DebtPolicy = (typeof DEBT_POLICIES)[number]

export const LOT_STATES = ["pending", "available", "expired"] as const
export type LotState = (typeof LOT_STATES)[number]

export const LOYALTY_EVENTS = {
  TIER_CHANGED: "loyalty.tier.changed",
  ACCOUNT_CHANGED: "loyalty.account.changed",
} as const

export interface LoyaltyAccountRecord {
  id: string
  customer_id: string
  balance: number
  pending: number
  reserved: number
  debt: number
  lifetime_points: number
  period_points: number
  total_earned: number
  total_redeemed: number
  tier_id: string | null
  tier_reached_at: Date | null
  spending_blocked: boolean
  blocked_reason: string | null
}

export interface LoyaltyEntryInput {
  customer_id: string
  type: LoyaltyTransactionType
  /** signed: positive credits a new lot, negative debits the oldest-expiring lots */
  points: number
  /** the same key twice is applied once (unique index) */
  idempotency_key: string
  order_id?: string | null
  line_item_id?: string | null
  reason?: string | null
  actor_type?: string | null
  actor_id?: string | null
  /** earn rows: the rule in force when they were earned (points per unit, multiplier…) */
  rate?: Record<string, unknown> | null
  /** credits: when the points become spendable (later than now = pending) and when they expire */
  available_at?: Date | null
  expires_at?: Date | null
  /** reverse rows: the lots of these transactions are taken from first */
  reverses_transaction_ids?: string[]
  /** redeem rows: the points come out of those held for carts (`reserved`), not the balance */
  from_reservation?: boolean
  /** restore rows: the debit whose allocations go back into their lots */
  restores_transaction_id?: string | null
  metadata?: Record<string, unknown> | null
}

export interface LoyaltyEntryResult {
  customer_id: string
  idempotency_key: string
  /** false when the key had already been applied: nothing changed */
  applied: boolean
  transaction_id: string | null
  points: number
  /** reversals only: what could not be taken from the balance */
  shortfall: number
}

export const REFERRAL_STATUSES = ["claimed", "awarded", "reversed", "refused"] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]

export const REFERRAL_REFUSALS = [
  "self_referral",
  "circular_referral",
  "already_customer",
  "already_referred",
  "already_claimed",
  "daily_cap",
] as const
export type ReferralRefusal = (typeof REFERRAL_REFUSALS)[number]
