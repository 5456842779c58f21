"use client"
import { createContext, useContext, useMemo, type ReactNode } from "react"
import type { ClientHeaders } from "@medusajs/js-sdk"
import type { EngagementCallOptions, EngagementSdk } from "../request"

export interface EngagementContextValue {
  sdk: EngagementSdk
  /** headers for every call (e.g. the shopper's `authorization` where the SDK does not hold it) */
  headers?: ClientHeaders
  /** for numbers, money and dates; the browser's when not given */
  locale?: string
}

const EngagementContext = createContext<EngagementContextValue | null>(null)

/** Gives the components and hooks below it the storefront's `@medusajs/js-sdk` instance. */
export function EngagementProvider({
  children,
  sdk,
  headers,
  locale,
}: EngagementContextValue & { children: ReactNode }) {
  const value = useMemo(() => ({ sdk, headers, locale }), [sdk, headers, locale])
  return <EngagementContext.Provider value={value}>{children}</EngagementContext.Provider>
}

/** The provider's SDK, call options and locale. */
export function useEngagement(): EngagementContextValue & { options: EngagementCallOptions } {
  const value = useContext(EngagementContext)
  if (!value) {
    throw new Error("medusa-plugin-engagement/storefront/react: wrap the components in <EngagementProvider sdk={sdk}>")
  }
  return { ...value, options: value.headers ? { headers: value.headers } : {} }
}
