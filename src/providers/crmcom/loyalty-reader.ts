import type { Logger } from "@medusajs/framework/types"
import {
  LoyaltySource,
  LoyaltySourceError,
  type LoyaltySummary,
  SourceRewardScheme,
} from "../../provider-api/loyalty-source"
import type { LoyaltyContactSource } from "../../provider-api/capabilities"
import type { PlatformRequest } from "../../provider-api/types"
import { parseRetryAfter } from "../../provider-api/classify"
import { CRMCOM } from "./platform"
import {
  accountFinancialsRequest,
  accountRewardsRequest,
  contactRequest,
  CrmComBalances,
  CrmComRewards,
  primaryAccountRequest,
  rewardSchemesRequest,
  toBalances,
  toPrimaryAccountId,
  toRewards,
  toReferralCode,
  toRewardSchemes,
  toSummary,
  toWalletId,
  UnexpectedCrmComAnswer,
  walletBalancesRequest,
} from "./loyalty-source"
import type { CrmComOptions } from "./options"
import { boxOf, openCredentials } from "./secrets"

export const CRMCOM_LOYALTY_MESSAGES = {
  notSynced: "crmcom: your contact is not on CRM.COM yet (or its session is being renewed); try again shortly",
  unavailable: (what: string) => `crmcom: CRM.COM did not answer (${what}); try again later`,
  refused: (what: string) =>
    `crmcom: CRM.COM refused the store's request (${what}); the store's CRM.COM settings need attention`,
} as const

/** CRM.COM did not answer `what`: a 424 naming it, with its `Retry-After` when it sent one. */
export const crmComUnavailable = (what: string, retryAfterMs?: number) =>
  new LoyaltySourceError(424, "platform_unavailable", CRMCOM_LOYALTY_MESSAGES.unavailable(what), {
    platform: "CRM.COM",
    failed: what,
    retryAfterMs,
  })

/** CRM.COM refused the store's `what` (its key, its settings) or answered something unreadable: a 424 naming it. */
export const crmComRefused = (what: string) =>
  new LoyaltySourceError(424, "platform_error", CRMCOM_LOYALTY_MESSAGES.refused(what), {
    platform: "CRM.COM",
    failed: what,
  })

// per process, keyed by CRM.COM contact id and question, bounded; reads of one key at once share one call
const cache = new Map<string, { value: unknown; expiresAt: number }>()
const inFlight = new Map<string, Promise<unknown>>()
const CACHE_ENTRIES = 10_000

async function cached<T>(key: string, ttlMs: number, read: () => Promise<T>): Promise<T> {
  const hit = cache.get(key)
  if (hit && hit.expiresAt > Date.now()) {
    return hit.value as T
  }
  const pending = inFlight.get(key)
  if (pending) {
    return (await pending) as T
  }
  const reading: Promise<T> = read()
    .then((value) => {
      // a read that a write made stale on its way (see `forgetCrmComReads`) is not kept
      if (ttlMs > 0 && inFlight.get(key) === reading) {
        cache.delete(key)
        while (cache.size >= CACHE_ENTRIES) {
          cache.delete(cache.keys().next().value as string)
        }
        cache.set(key, { value, expiresAt: Date.now() + ttlMs })
      }
      return value
    })
    .finally(() => inFlight.delete(key))
  inFlight.set(key, reading)
  return await reading
}

/** Forgets what was read of a CRM.COM contact, and any read of it on its way, after a write for it. */
export function forgetCrmComReads(contactId: string): void {
  for (const key of [
    `account:${contactId}`,
    `schemes:${contactId}`,
    `account-id:${contactId}`,
    `contact:${contactId}`,
  ]) {
    cache.delete(key)
    inFlight.delete(key)
  }
}

/**
 * The signed-in shopper's loyalty figures read from CRM.COM with their own contact's token (kept
 * sealed by the contact sync). Reads only, so they go out now with the platform's timeout, not
 * through the outbox; answers are kept `cacheMs` per contact. Nothing is written anywhere.
 */
export class CrmComLoyaltyReader implements LoyaltySource {
  readonly platform = "CRM.COM"

  constructor(
    private readonly options: CrmComOptions,
    private readonly engagement: LoyaltyContactSource,
    private readonly logger: Logger,
    private readonly pointsPerUnit: (currencyCode: string) => number,
    private readonly cacheMs: number
  ) {}

  async summary(customerId: string): Promise<LoyaltySummary> {
    const contact = await this.contact(customerId)
    const { rewards, balances } = await this.account(contact)
    return toSummary(rewards, balances, this.pointsPerUnit(rewards.currency_code))
  }

  async autoSpend(customerId: string) {
    const { rewards } = await this.account(await this.contact(customerId))
    const minimum = rewards.auto_spend.minimum_wallet_balance
    return {
      enabled: rewards.auto_spend.enabled,
      minimum_points: Math.round(minimum * this.pointsPerUnit(rewards.currency_code)),
    }
  }

  /** The contact's own referral code on CRM.COM (what a friend claims). */
  async referralCode(customerId: string): Promise<string | null> {
    const { options, token, contactId } = await this.contact(customerId)
    return await cached(`contact:${contactId}`, this.cacheMs, async () =>
      this.mapped(
        toReferralCode,
        await this.ask(contactRequest(options, token, contactId), "contact", contactId),
        "contact"
      )
    )
  }

  async joinedSchemes(customerId: string) {
    return (await this.account(await this.contact(customerId))).rewards.joined
  }

  async rewardSchemes(customerId: string): Promise<SourceRewardScheme[]> {
    const contact = await this.contact(customerId)
    return await cached(`schemes:${contact.contactId}`, this.cacheMs, async () =>
      this.mapped(
        toRewardSchemes,
        await this.ask(rewardSchemesRequest(contact.options, contact.token), "reward schemes", contact.contactId),
        "reward schemes"
      )
    )
  }

  /** The primary account's rewards and its wallet's balances (one cached read of four calls). */
  private async account(contact: CrmComContact): Promise<{ rewards: CrmComRewards; balances: CrmComBalances | null }> {
    const { options, token, contactId } = contact
    return await cached(`account:${contactId}`, this.cacheMs, async () => {
      const accountId = await this.primaryAccountId(contact)
      const [rewardsBody, financialsBody] = await Promise.all([
        this.ask(accountRewardsRequest(options, token, accountId), "rewards", contactId),
        this.ask(accountFinancialsRequest(options, token, accountId), "financials", contactId),
      ])
      const rewards = this.mapped(toRewards, rewardsBody, "rewards")
      const walletId = this.mapped(toWalletId, financialsBody, "financials")
      const balances = walletId
        ? this.mapped(
            toBalances,
            await this.ask(walletBalancesRequest(options, token, walletId), "balances", contactId),
            "balances"
          )
        : null
      return { rewards, balances }
    })
  }

  /** The currency of the contact's primary account (lower case), from its cached rewards. */
  async currencyOf(contact: CrmComContact): Promise<string> {
    return (await this.account(contact)).rewards.currency_code
  }

  /** The id of the contact's primary account, the one holding its rewards (cached with its reads). */
  async primaryAccountId(contact: CrmComContact): Promise<string> {
    const { options, token, contactId } = contact
    const accountId = await cached(`account-id:${contactId}`, this.cacheMs, async () =>
      this.mapped(
        toPrimaryAccountId,
        await this.ask(primaryAccountRequest(options, token, contactId), "accounts", contactId),
        "accounts"
      )
    )
    if (!accountId) {
      throw new LoyaltySourceError(409, "conflict", CRMCOM_LOYALTY_MESSAGES.notSynced)
    }
    return accountId
  }

  /** The contact id and token come from the signed-in customer's own sync row, never from the request. */
  async contact(customerId: string): Promise<CrmComContact> {
    const options = this.options
    const [sync] = await this.engagement.listContactSyncs({ customer_id: customerId, platform: CRMCOM })
    if (!sync?.external_id) {
      throw new LoyaltySourceError(409, "conflict", CRMCOM_LOYALTY_MESSAGES.notSynced)
    }
    let credentials
    try {
      credentials = openCredentials(sync.credentials ?? null, boxOf(options))
    } catch (error) {
      this.logger.error(`crmcom loyalty for contact ${sync.external_id}: ${(error as Error).message}`)
      throw crmComRefused("contact credentials")
    }
    const expiresAt = credentials?.expires_at ? Date.parse(credentials.expires_at) : NaN
    // an ended token is renewed by the contact sync (through the outbox), not by a read
    if (!credentials?.access_token || expiresAt <= Date.now()) {
      throw new LoyaltySourceError(409, "conflict", CRMCOM_LOYALTY_MESSAGES.notSynced)
    }
    return { options, contactId: sync.external_id, token: credentials.access_token }
  }

  private async ask(request: Omit<PlatformRequest, "body">, what: string, contactId: string): Promise<unknown> {
    const options = this.options
    let answer: Response
    try {
      answer = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        signal: AbortSignal.timeout(options.timeout_ms),
      })
    } catch (error) {
      this.logger.warn(`crmcom ${what} for contact ${contactId}: no answer (${(error as Error).message})`)
      throw crmComUnavailable(what)
    }
    if (answer.status === 401 || answer.status === 403) {
      // the token was refused: the contact sync signs in again on its next call
      this.logger.warn(`crmcom ${what} for contact ${contactId}: token refused (${answer.status})`)
      throw new LoyaltySourceError(409, "conflict", CRMCOM_LOYALTY_MESSAGES.notSynced)
    }
    if (answer.status >= 500 || answer.status === 429 || answer.status === 408) {
      this.logger.warn(`crmcom ${what} for contact ${contactId}: answered ${answer.status}`)
      throw crmComUnavailable(what, parseRetryAfter(answer.headers.get("retry-after") ?? undefined))
    }
    if (!answer.ok) {
      this.logger.error(`crmcom ${what} for contact ${contactId}: refused with ${answer.status}`)
      throw crmComRefused(what)
    }
    try {
      return await answer.json()
    } catch (error) {
      this.logger.error(`crmcom ${what} for contact ${contactId}: the answer is not JSON (${(error as Error).message})`)
      throw crmComRefused(what)
    }
  }

  private mapped<T>(mapper: (body: unknown) => T, body: unknown, what: string): T {
    try {
      return mapper(body)
    } catch (error) {
      if (error instanceof UnexpectedCrmComAnswer) {
        this.logger.error(`crmcom loyalty: unexpected answer (${error.message})`)
        throw crmComRefused(what)
      }
      throw error
    }
  }
}

export type CrmComContact = { options: CrmComOptions; contactId: string; token: string }
