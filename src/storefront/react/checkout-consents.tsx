"use client"
import { useId, useState } from "react"
import type { HttpTypes } from "@medusajs/types"
import { CHECKOUT_CONSENTS_METADATA_KEY, setCheckoutConsents, type CheckoutConsentInput } from "../cart"
import { useEngagementAction } from "./hooks"
import { latestWins } from "./latest-wins"

export interface CheckoutConsentOption {
  /** a purpose configured in the plugin's `consents.purposes` */
  purpose: string
  /** the text beside the box: kept in the consent ledger as the proof of what the shopper agreed to */
  wording: string
  /** the version of that text, kept with it */
  version?: string
}

export interface CheckoutConsentsProps {
  cart: { id: string; metadata?: Record<string, unknown> | null }
  options: CheckoutConsentOption[]
  legend?: string
  /**
   * false (default): an unticked box records nothing, so a consent given earlier stays as it was;
   * true: an unticked box records a refusal ("False") when the order is placed.
   */
  recordUnticked?: boolean
  onCartChange?: (cart: HttpTypes.StoreCart) => void
  className?: string
}

function tickedIn(cart: CheckoutConsentsProps["cart"]): Set<string> {
  const saved = cart.metadata?.[CHECKOUT_CONSENTS_METADATA_KEY]
  const ticked = new Set<string>()
  if (saved && typeof saved === "object") {
    for (const [purpose, choice] of Object.entries(saved as Record<string, unknown>)) {
      const value = choice && typeof choice === "object" ? (choice as { value?: unknown }).value : choice
      if (value === true || value === "True") {
        ticked.add(purpose)
      }
    }
  }
  return ticked
}

/**
 * Consent boxes for the checkout: each change is written into the cart's metadata exactly as the
 * plugin reads it when the order is placed (`engagement_consents`, with the wording and its
 * version), so the consent ledger keeps what the shopper saw. Boxes start unticked.
 */
export function CheckoutConsents({
  cart,
  options,
  legend = "Stay in touch",
  recordUnticked = false,
  onCartChange,
  className,
}: CheckoutConsentsProps) {
  const baseId = useId()
  const [ticked, setTicked] = useState(() => tickedIn(cart))
  // one write at a time, the newest choice last: Medusa refuses a cart update while another runs
  const [enqueue] = useState(latestWins)
  const [writing, setWriting] = useState(0)
  const save = useEngagementAction((sdk, callOptions, choices: CheckoutConsentInput[]) =>
    setCheckoutConsents(sdk, cart, choices, callOptions)
  )
  const toggle = async (purpose: string, on: boolean) => {
    const next = new Set(ticked)
    if (on) {
      next.add(purpose)
    } else {
      next.delete(purpose)
    }
    setTicked(next)
    const choices = options
      .filter((option) => recordUnticked || next.has(option.purpose))
      .map((option) => ({ ...option, granted: next.has(option.purpose) }))
    setWriting((count) => count + 1)
    const answer = await enqueue(() => save.run(choices)).finally(() => setWriting((count) => count - 1))
    if (answer) {
      onCartChange?.(answer.cart)
    }
  }
  return (
    <fieldset className={className} data-engagement="checkout-consents" aria-busy={writing > 0}>
      <legend>{legend}</legend>
      {options.map((option, index) => (
        <div key={option.purpose} data-part="consent" data-purpose={option.purpose}>
          <input
            id={`${baseId}-${index}`}
            type="checkbox"
            name={option.purpose}
            checked={ticked.has(option.purpose)}
            onChange={(event) => toggle(option.purpose, event.target.checked)}
          />
          <label htmlFor={`${baseId}-${index}`}>{option.wording}</label>
        </div>
      ))}
      <p role="alert" data-part="error">
        {save.error ? save.error.message : null}
      </p>
    </fieldset>
  )
}
