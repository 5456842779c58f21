"use client"
import { useCallback, useEffect, useState } from "react"
import type { StoreEngagementLoyaltyTransactionsParams } from "../../types"
import { EngagementStoreError } from "../errors"
import { getCartLoyalty, getLoyalty, listLoyaltyTransactions } from "../loyalty"
import { getReferral, listRewardSchemes } from "../programme"
import { listConsents } from "../contact"
import type { EngagementCallOptions, EngagementSdk } from "../request"
import { useEngagement } from "./context"

export interface EngagementQuery<T> {
  data?: T
  error?: EngagementStoreError
  loading: boolean
  /** loads again (after a change made elsewhere) */
  reload: () => void
}

type Loader<T> = (sdk: EngagementSdk, options: EngagementCallOptions) => Promise<T>

/** Loads once per `key` (null: not at all); a newer load replaces an older one's answer. */
export function useEngagementQuery<T>(load: Loader<T>, key: string | null): EngagementQuery<T> {
  const { sdk, options, generation } = useEngagement()
  const [round, setRound] = useState(0)
  const headers = JSON.stringify(options.headers ?? {})
  // an answer is the current one while it answers the current request (key, headers, round, and
  // the provider's generation, which moves with every change made through the kit)
  const request = key === null ? null : `${key}\u0000${headers}\u0000${round}\u0000${generation}`
  const [state, setState] = useState<{ for: string; data?: T; error?: EngagementStoreError } | null>(null)
  useEffect(() => {
    if (request === null) {
      return
    }
    let current = true
    load(sdk, options).then(
      (data) => current && setState({ for: request, data }),
      (error: unknown) => current && setState({ for: request, error: EngagementStoreError.from(error) })
    )
    return () => {
      current = false
    }
    // `load` and `options` are new on each render: the request says when they mean something else
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sdk, request])
  const reload = useCallback(() => setRound((value) => value + 1), [])
  // the last answer stays shown while the next one loads
  return { data: state?.data, error: state?.error, loading: request !== null && state?.for !== request, reload }
}

/** The signed-in shopper's loyalty summary. */
export const useLoyalty = (enabled = true) =>
  useEngagementQuery(
    (sdk, options) => getLoyalty(sdk, options).then((answer) => answer.loyalty),
    enabled ? "loyalty" : null
  )

/** A cart's loyalty figures: earnable, applied, the most it can take and the redeem terms. */
export const useCartLoyalty = (cartId: string | null | undefined) =>
  useEngagementQuery(
    (sdk, options) => getCartLoyalty(sdk, cartId!, options).then((answer) => answer.loyalty),
    cartId ? `cart-loyalty:${cartId}` : null
  )

/** The shopper's ledger, newest first. */
export const useLoyaltyTransactions = (params: StoreEngagementLoyaltyTransactionsParams = { limit: 100 }) =>
  useEngagementQuery(
    (sdk, options) => listLoyaltyTransactions(sdk, params, options),
    `transactions:${JSON.stringify(params)}`
  )

/** The shopper's referral code, link and counts. */
export const useReferral = () =>
  useEngagementQuery((sdk, options) => getReferral(sdk, options).then((answer) => answer.referral), "referral")

/** The reward schemes a shopper may join. */
export const useRewardSchemes = () =>
  useEngagementQuery(
    (sdk, options) => listRewardSchemes(sdk, options).then((answer) => answer.reward_schemes),
    "reward-schemes"
  )

/** Every configured consent purpose with the shopper's choice. */
export const useConsents = () =>
  useEngagementQuery((sdk, options) => listConsents(sdk, options).then((answer) => answer.consents), "consents")

/**
 * Runs a change (apply, sign up, invite…) with the provider's SDK and headers: `pending` while it
 * runs, its `error` when it failed (then `run` resolves to undefined). Once it succeeded, every
 * query under the provider loads again.
 */
export function useEngagementAction<Args extends unknown[], T>(
  action: (sdk: EngagementSdk, options: EngagementCallOptions, ...args: Args) => Promise<T>
) {
  const { sdk, options, refresh } = useEngagement()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<EngagementStoreError>()
  const run = async (...args: Args): Promise<T | undefined> => {
    setPending(true)
    setError(undefined)
    try {
      const answer = await action(sdk, options, ...args)
      // what the change touched (balance, history, earn line, counts) loads again everywhere
      refresh()
      return answer
    } catch (caught) {
      setError(EngagementStoreError.from(caught))
      return undefined
    } finally {
      setPending(false)
    }
  }
  return { run, pending, error }
}
