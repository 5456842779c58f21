import { randomUUID } from "node:crypto"
import { z } from "@medusajs/framework/zod"
import { headerViolations, RecordedRequest, StandIn, StandInAnswer, StandInRoute, zodViolations } from "./stand-in"

/**
 * CRM.COM Self-Service rewards reads (Contact Management: accounts, rewards, financials; Wallets:
 * balances; Rewards: reward schemes), answered as CRM.COM's examples show them for the rewards a
 * test gives a contact with {@link giveRewards}. Every call needs the `api_key` and a live token of
 * the contact that owns the account, wallet or question.
 */

export interface ContactRewards {
  account_id: string
  wallet_id: string
  currency_code: string
  /** the `GET /accounts/{id}/rewards` answer's fields besides id and currency */
  rewards: Record<string, unknown>
  /** the wallet's spend conditions (`GET /wallets/{id}/balances` content) */
  balances: Record<string, unknown>[]
  /** the active reward schemes, with `is_joined` for this contact */
  schemes: Record<string, unknown>[]
}

type RewardsState = { rewards?: Record<string, ContactRewards> }

/** Gives a contact (by CRM.COM contact id) a primary account, a wallet and rewards; returns their ids. */
export function giveRewards(
  standIn: StandIn,
  contactId: string,
  rewards: Omit<ContactRewards, "account_id" | "wallet_id">
): ContactRewards {
  const state = standIn.state as RewardsState
  const stored = {
    ...rewards,
    account_id: randomUUID().replace(/-/g, "").toUpperCase(),
    wallet_id: randomUUID().replace(/-/g, "").toUpperCase(),
  }
  ;(state.rewards ??= {})[contactId] = stored
  return stored
}

export const errorAnswer = (status: number, code: string, message: string, attribute?: string): StandInAnswer => ({
  status,
  body: { code, message, ...(attribute ? { attribute } : {}) },
})

const paging = { size: z.string().regex(/^\d+$/).optional(), page: z.string().regex(/^\d+$/).optional() }

/** The contact the request's live token is for, or the refusal CRM.COM answers. */
export function contactOfToken(request: RecordedRequest, standIn: StandIn, apiKey: string): string | StandInAnswer {
  if (request.headers.api_key !== apiKey) {
    return errorAnswer(401, "INVALID_API_KEY", "The provided API Key is invalid", "api_key")
  }
  const token = String(request.headers.authorization ?? "").replace(/^Bearer /, "")
  const issued = (standIn.state.tokens ?? {})[token] as { contact_id: string; exp: number } | undefined
  if (!issued || issued.exp <= Date.now() / 1000) {
    return errorAnswer(401, "INVALID_TOKEN", "The provided Token is invalid or has expired", "Authorization")
  }
  return issued.contact_id
}

export const forbidden = errorAnswer(403, "FORBIDDEN", "The Token does not have permissions to perform the request")

/** The rewards a test gave a contact, if any. */
export const ownRewards = (standIn: StandIn, contactId: string): ContactRewards | undefined =>
  ((standIn.state as RewardsState).rewards ?? {})[contactId]

export function crmComRewardRoutes(apiKey: string): StandInRoute[] {
  const headers = { api_key: /./, Authorization: /^(Bearer )?[\w-]+\.[\w-]+\.[\w-]*$/ }
  const contactOf = (request: RecordedRequest, standIn: StandIn) => contactOfToken(request, standIn, apiKey)
  const route = (
    name: string,
    path: RegExp,
    query: z.ZodType,
    respond: (request: RecordedRequest, standIn: StandIn, contactId: string) => StandInAnswer
  ): StandInRoute => ({
    name,
    method: "GET",
    path,
    check: (request) => [
      ...headerViolations(request.headers, headers),
      ...zodViolations(query, request.query, "query"),
    ],
    respond: (request, standIn) => {
      const contact = contactOf(request, standIn)
      return typeof contact === "string" ? respond(request, standIn, contact) : contact
    },
  })

  return [
    route(
      "contact_accounts",
      /^\/contacts\/(?<id>[^/]+)\/accounts$/,
      z.object({ is_primary: z.enum(["true", "false"]).optional(), ...paging }).strict(),
      (request, standIn, contactId) => {
        if (request.params.id !== contactId) {
          return forbidden
        }
        const own = ownRewards(standIn, contactId)
        const accounts = own
          ? [
              {
                id: own.account_id,
                is_primary: true,
                name: "Rewards",
                number: "AC0001",
                currency_code: own.currency_code,
              },
            ]
          : []
        return { status: 200, body: { content: [{ accounts }], paging: { page: 1, size: 20, total: accounts.length } } }
      }
    ),
    route(
      "account_rewards",
      /^\/accounts\/(?<id>[^/]+)\/rewards$/,
      z.object({ include_total: z.enum(["true", "false"]).optional() }).strict(),
      (request, standIn, contactId) => {
        const own = ownRewards(standIn, contactId)
        if (!own || own.account_id !== request.params.id) {
          return forbidden
        }
        return {
          status: 200,
          body: {
            id: own.account_id,
            name: "Rewards",
            number: "ACR001",
            currency_code: own.currency_code,
            ...own.rewards,
          },
        }
      }
    ),
    route(
      "account_financials",
      /^\/accounts\/(?<id>[^/]+)\/financials$/,
      z.object({}).strict(),
      (request, standIn, contactId) => {
        const own = ownRewards(standIn, contactId)
        if (!own || own.account_id !== request.params.id) {
          return forbidden
        }
        const balance = own.balances.reduce((sum, condition) => sum + Number(condition.amount ?? 0), 0)
        return {
          status: 200,
          body: {
            name: "Rewards",
            number: "AC0001",
            is_primary: "true",
            currency_code: own.currency_code,
            wallet: [{ id: own.wallet_id, code: "W0001", balance, life_cycle_state: "ACTIVE" }],
          },
        }
      }
    ),
    route(
      "wallet_balances",
      /^\/wallets\/(?<id>[^/]+)\/balances$/,
      z.object({ include_expiration: z.enum(["true", "false"]).optional(), ...paging }).strict(),
      (request, standIn, contactId) => {
        const own = ownRewards(standIn, contactId)
        if (!own || own.wallet_id !== request.params.id) {
          return forbidden
        }
        const withExpiry = request.query.include_expiration === "true"
        const content = own.balances.map(({ expiration, ...condition }) =>
          withExpiry ? { ...condition, expiration } : condition
        )
        return { status: 200, body: { content, paging: { page: 1, size: 20, total: content.length } } }
      }
    ),
    route(
      "reward_schemes",
      /^\/reward_schemes$/,
      z.object({ name: z.string().optional(), ...paging }).strict(),
      (_request, standIn, contactId) => {
        const schemes = ownRewards(standIn, contactId)?.schemes ?? []
        return { status: 200, body: { content: schemes, paging: { page: 1, size: 100, total: schemes.length } } }
      }
    ),
  ]
}
