"use client"
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react"
import type { ClientHeaders } from "@medusajs/js-sdk"
import type { EngagementCallOptions, EngagementSdk } from "../request"

export interface EngagementContextValue {
  sdk: EngagementSdk
  /** headers for every call (e.g. the shopper's `authorization` where the SDK does not hold it) */
  headers?: ClientHeaders
  /** for numbers, money and dates; the browser's when not given */
  locale?: string
}

interface EngagementState extends EngagementContextValue {
  /** counts the changes made through the kit: every query loads again when it moves */
  generation: number
  refresh: () => void
}

const EngagementContext = createContext<EngagementState | null>(null)

/**
 * Gives the components and hooks below it the storefront's `@medusajs/js-sdk` instance. A change
 * made through any of them (points applied, a scheme joined, invitations sent…) makes all of them
 * load again, so the balance, the history and the earn line follow it; `useEngagement().refresh()`
 * does the same after a change made elsewhere (an item added to the cart).
 */
export function EngagementProvider({
  children,
  sdk,
  headers,
  locale,
}: EngagementContextValue & { children: ReactNode }) {
  const [generation, setGeneration] = useState(0)
  const refresh = useCallback(() => setGeneration((value) => value + 1), [])
  const value = useMemo(
    () => ({ sdk, headers, locale, generation, refresh }),
    [sdk, headers, locale, generation, refresh]
  )
  return <EngagementContext.Provider value={value}>{children}</EngagementContext.Provider>
}

/** The provider's SDK, call options and locale, and `refresh` to load every component's data again. */
export function useEngagement(): EngagementState & { options: EngagementCallOptions } {
  const value = useContext(EngagementContext)
  if (!value) {
    throw new Error("medusa-plugin-engagement/storefront/react: wrap the components in <EngagementProvider sdk={sdk}>")
  }
  return { ...value, options: value.headers ? { headers: value.headers } : {} }
}
