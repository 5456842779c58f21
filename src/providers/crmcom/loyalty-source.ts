import type { LoyaltySummary, SourceRewardScheme } from "../../provider-api/loyalty-source"
import type { PlatformRequest } from "../../provider-api/types"
import { joinUrl } from "../../provider-api/url"
import type { CrmComOptions } from "./options"

/**
 * CRM.COM as the loyalty source: the Self-Service API's reads of a contact's rewards, as plain
 * request builders and answer mappers (no I/O here; `loyalty-reader.ts` makes the calls).
 * Every call carries the publishable `api_key` and the contact's own access token.
 */

type Get = Omit<PlatformRequest, "body">

function get(options: CrmComOptions, token: string, path: string, query: Record<string, string> = {}): Get {
  const search = new URLSearchParams(query).toString()
  return {
    method: "GET",
    url: `${joinUrl(options.api_url, path)}${search ? `?${search}` : ""}`,
    headers: { api_key: options.api_key, Authorization: `Bearer ${token}` },
  }
}

const id = (value: string) => encodeURIComponent(value)

/** `GET /contacts/{id}/accounts?is_primary=true`: only a contact's primary account holds rewards. */
export const primaryAccountRequest = (options: CrmComOptions, token: string, contactId: string) =>
  get(options, token, `/contacts/${id(contactId)}/accounts`, { is_primary: "true" })

/** `GET /accounts/{id}/rewards?include_total=true`: tier, schemes joined, spending block, total awards and spends. */
export const accountRewardsRequest = (options: CrmComOptions, token: string, accountId: string) =>
  get(options, token, `/accounts/${id(accountId)}/rewards`, { include_total: "true" })

/** `GET /accounts/{id}/financials`: the account's wallet. */
export const accountFinancialsRequest = (options: CrmComOptions, token: string, accountId: string) =>
  get(options, token, `/accounts/${id(accountId)}/financials`)

/** `GET /wallets/{id}/balances?include_expiration=true`: the balance per spend condition with what expires in 30/60/90+ days. */
export const walletBalancesRequest = (options: CrmComOptions, token: string, walletId: string) =>
  get(options, token, `/wallets/${id(walletId)}/balances`, { include_expiration: "true" })

/** `GET /contacts/{id}`: the contact's basic details, with its referral code. */
export const contactRequest = (options: CrmComOptions, token: string, contactId: string) =>
  get(options, token, `/contacts/${id(contactId)}`)

/** `GET /reward_schemes`: the active schemes, each with whether the contact joined it. */
export const rewardSchemesRequest = (options: CrmComOptions, token: string) =>
  get(options, token, "/reward_schemes", { size: "100" })

/** An answer whose shape is not what CRM.COM documents. */
export class UnexpectedCrmComAnswer extends Error {}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => !!value && typeof value === "object" && !Array.isArray(value)
const list = (value: unknown, what: string): unknown[] => {
  if (!Array.isArray(value)) {
    throw new UnexpectedCrmComAnswer(`${what} is not a list`)
  }
  return value
}
const number = (value: unknown): number => {
  const parsed =
    typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : 0
  return Number.isFinite(parsed) ? parsed : 0
}
const flag = (value: unknown) => value === true || value === "true"
/** CRM.COM dates are Unix seconds (numbers or digit strings); anything else is unknown. */
const date = (value: unknown): Date | null => {
  const seconds = number(value)
  return seconds > 0 ? new Date(seconds * 1000) : null
}

/** The primary account's id: the answer nests accounts in `content[].accounts[]`. */
export function toPrimaryAccountId(body: unknown): string | null {
  if (!isObject(body)) {
    throw new UnexpectedCrmComAnswer("the accounts answer is not an object")
  }
  const accounts = list(body.content ?? [], "content").flatMap((entry) =>
    isObject(entry) && Array.isArray(entry.accounts) ? entry.accounts : [entry]
  )
  const primary = accounts.find((account) => isObject(account) && flag(account.is_primary)) ?? accounts[0]
  return isObject(primary) && typeof primary.id === "string" ? primary.id : null
}

/** The contact's `referral_code` (`GET /contacts/{id}`), null when it has none. */
export function toReferralCode(body: unknown): string | null {
  if (!isObject(body)) {
    throw new UnexpectedCrmComAnswer("the contact answer is not an object")
  }
  return typeof body.referral_code === "string" && body.referral_code ? body.referral_code : null
}

/** The first wallet of `GET /accounts/{id}/financials` (an array in CRM.COM's example). */
export function toWalletId(body: unknown): string | null {
  if (!isObject(body)) {
    throw new UnexpectedCrmComAnswer("the financials answer is not an object")
  }
  const wallets = Array.isArray(body.wallet) ? body.wallet : body.wallet ? [body.wallet] : []
  const wallet = wallets[0]
  return isObject(wallet) && typeof wallet.id === "string" ? wallet.id : null
}

export interface CrmComRewards {
  currency_code: string
  spending_blocked: boolean
  tier: LoyaltySummary["tier"]
  lifetime_points: number
  period_points: number
  /** total awards and spends of the account, in money of its currency */
  total_awards: number
  total_spends: number
  joined: { id: string; name: string; email: string | null; joined_at: string | null }[]
  /** `automatic_spend_settings`: whether spends happen on their own, above what wallet balance (money) */
  auto_spend: { enabled: boolean; minimum_wallet_balance: number }
}

/** `GET /accounts/{id}/rewards`: tier points are points; awards and spends are money. */
export function toRewards(body: unknown): CrmComRewards {
  if (!isObject(body) || typeof body.currency_code !== "string") {
    throw new UnexpectedCrmComAnswer("the rewards answer has no currency_code")
  }
  const tier =
    isObject(body.reward_tier) && typeof body.reward_tier.name === "string" && body.reward_tier.name
      ? body.reward_tier
      : null
  const maintain = isObject(tier?.maintain_tier) ? tier.maintain_tier : {}
  const progress = isObject(tier?.progress) && typeof tier.progress.name === "string" ? tier.progress : null
  const rewards = isObject(body.rewards) ? body.rewards : {}
  const autoSpend = isObject(body.automatic_spend_settings) ? body.automatic_spend_settings : {}
  return {
    auto_spend: {
      enabled: flag(autoSpend.enable_automatic_spend),
      minimum_wallet_balance: number(autoSpend.minimum_wallet_balance),
    },
    currency_code: body.currency_code.toLowerCase(),
    spending_blocked: flag(body.spending_blocked_status),
    tier: tier
      ? {
          id: String(tier.id || tier.name),
          name: String(tier.name),
          color: typeof tier.color === "string" && tier.color ? tier.color : null,
          reached_at: date(tier.achieved_date),
          points_to_retain: number(maintain.points_needed),
          retain_by: date(maintain.collected_by),
          next: progress
            ? {
                id: String(progress.id || progress.name),
                name: String(progress.name),
                points_needed: number(progress.points_needed),
              }
            : null,
        }
      : null,
    lifetime_points: number(tier?.lifetime_value_units),
    period_points: number(tier?.period_value_units),
    total_awards: number(rewards.total_awards),
    total_spends: number(rewards.total_spends),
    joined: list(body.joined_reward_schemes ?? [], "joined_reward_schemes")
      .filter(isObject)
      .map((scheme) => ({
        id: String(scheme.id),
        name: String(scheme.name ?? scheme.id),
        email: typeof scheme.email_address === "string" ? scheme.email_address : null,
        joined_at: date(scheme.signed_up_on)?.toISOString() ?? null,
      })),
  }
}

export interface CrmComBalances {
  /** the wallet's amount over all spend conditions, in money */
  amount: number
  /** money expiring in 0–30, 30–60, 60–90 and 90+ days */
  expiring: [number, number, number, number]
}

/** `GET /wallets/{id}/balances`: summed over the spend conditions. */
export function toBalances(body: unknown): CrmComBalances {
  if (!isObject(body)) {
    throw new UnexpectedCrmComAnswer("the balances answer is not an object")
  }
  const totals: CrmComBalances = { amount: 0, expiring: [0, 0, 0, 0] }
  for (const condition of list(body.content ?? [], "content").filter(isObject)) {
    totals.amount += number(condition.amount)
    const expiration = isObject(condition.expiration) ? condition.expiration : {}
    ;["zero_to_thirty", "thirty_to_sixty", "sixty_to_ninety", "ninety_plus"].forEach((key, index) => {
      totals.expiring[index] += number(expiration[key])
    })
  }
  return totals
}

/**
 * The store's summary from CRM.COM's answers. CRM.COM keeps rewards as money in the wallet: they
 * are shown as points at the store's `points_per_currency_unit` for the account's currency, so a
 * storefront reads one shape whichever side keeps the points. Nothing is pending, held or owed
 * here (CRM.COM has no such figures for a contact).
 */
export function toSummary(
  rewards: CrmComRewards,
  balances: CrmComBalances | null,
  pointsPerUnit: number
): LoyaltySummary {
  const points = (money: number) => Math.round(money * pointsPerUnit)
  const buckets = [
    { from_days: 0, to_days: 30 },
    { from_days: 30, to_days: 60 },
    { from_days: 60, to_days: 90 },
    { from_days: 90, to_days: null },
  ]
  return {
    balance: points(balances?.amount ?? 0),
    pending: 0,
    pending_dates: [],
    reserved: 0,
    debt: 0,
    lifetime_points: rewards.lifetime_points,
    period_points: rewards.period_points,
    total_earned: points(rewards.total_awards),
    total_redeemed: points(rewards.total_spends),
    spending_blocked: rewards.spending_blocked,
    tier: rewards.tier,
    next_tier: null,
    expiring: buckets.map((bucket, index) => ({ ...bucket, points: points(balances?.expiring[index] ?? 0) })),
  }
}

/** `GET /reward_schemes` as the store lists schemes; CRM.COM applies its own multipliers and bonuses. */
export function toRewardSchemes(body: unknown): SourceRewardScheme[] {
  if (!isObject(body)) {
    throw new UnexpectedCrmComAnswer("the reward schemes answer is not an object")
  }
  return list(body.content ?? [], "content")
    .filter(isObject)
    .map((scheme) => ({
      id: String(scheme.id),
      name: String(scheme.name ?? scheme.id),
      description: typeof scheme.description === "string" ? scheme.description : "",
      multiplier: null,
      signup_bonus: null,
      closed_loop: scheme.sign_up_option !== undefined && scheme.sign_up_option !== "SELF_SIGN_UP",
      allowed_domains: [],
      joined: flag(scheme.is_joined),
    }))
}
