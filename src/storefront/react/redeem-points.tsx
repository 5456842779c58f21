"use client"
import { useId, useState } from "react"
import type { HttpTypes } from "@medusajs/types"
import type { StoreEngagementCartLoyaltyResponse } from "../../types"
import { applyCartPoints, removeCartPoints } from "../loyalty"
import { useEngagement } from "./context"
import { boundedPoints, formatMoney, formatPoints, pointsValue } from "./format"
import { useCartLoyalty, useEngagementAction } from "./hooks"

type CartLoyalty = StoreEngagementCartLoyaltyResponse["loyalty"]

export interface RedeemPointsProps {
  cartId: string
  /** the cart after points were applied or removed, with its new totals */
  onCartChange?: (cart: HttpTypes.StoreCart) => void
  /** the cart's figures, when the page has them already (the control still refreshes them after a change) */
  cartLoyalty?: CartLoyalty
  className?: string
}

/**
 * Spend points on a cart: a slider and a number input bounded by what the cart can take (in the
 * plugin's steps), the money the chosen points are worth, apply and remove. The value and the
 * outcome are announced; a refusal is shown with the plugin's message.
 */
export function RedeemPoints({ cartId, onCartChange, cartLoyalty, className }: RedeemPointsProps) {
  const { locale } = useEngagement()
  const query = useCartLoyalty(cartId)
  const loyalty = query.data ?? cartLoyalty
  const inputId = useId()
  const valueId = useId()
  // null until the shopper moves the control: then it follows the cart (what is applied, or the most it takes)
  const [picked, setPoints] = useState<number | null>(null)
  const apply = useEngagementAction((sdk, options, value: number) => applyCartPoints(sdk, cartId, value, options))
  const remove = useEngagementAction((sdk, options) => removeCartPoints(sdk, cartId, options))
  const terms = loyalty && { max: loyalty.max_applicable, step: loyalty.step, min: loyalty.min_points }
  if (!loyalty || !terms) {
    return null
  }
  const points = picked ?? (loyalty.applied || loyalty.max_applicable)
  const chosen = boundedPoints(points, terms)
  const money = (value: number) =>
    formatMoney(pointsValue(value, loyalty.points_per_unit), loyalty.currency_code, locale)
  const changed = (cart: HttpTypes.StoreCart | undefined) => {
    if (cart) {
      setPoints(null)
      onCartChange?.(cart)
      query.reload()
    }
  }
  const error = apply.error ?? remove.error
  const pending = apply.pending || remove.pending
  const usable = terms.max > 0 && terms.max >= terms.min
  return (
    <form
      className={className}
      data-engagement="redeem-points"
      data-applied={loyalty.applied}
      aria-busy={pending}
      onSubmit={async (event) => {
        event.preventDefault()
        changed((await apply.run(chosen))?.cart)
      }}
    >
      <p data-part="available">
        {formatPoints(loyalty.spendable, locale)} points available; up to {formatPoints(loyalty.max_applicable, locale)}{" "}
        ({money(loyalty.max_applicable)}) on this order
      </p>
      {usable ? (
        <>
          <label htmlFor={inputId}>Points to use</label>
          <input
            type="range"
            aria-label="Points to use (slider)"
            aria-describedby={valueId}
            min={0}
            max={terms.max}
            step={terms.step}
            value={chosen}
            onChange={(event) => setPoints(Number(event.target.value))}
            data-part="slider"
          />
          <input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={terms.min}
            max={terms.max}
            step={terms.step}
            value={points}
            onChange={(event) => setPoints(Number(event.target.value))}
            onBlur={() => setPoints(chosen)}
            aria-describedby={valueId}
            data-part="input"
          />
          <output id={valueId} aria-live="polite" data-part="value" data-points={chosen}>
            {formatPoints(chosen, locale)} points = {money(chosen)}
          </output>
          <button type="submit" disabled={pending || chosen <= 0} data-part="apply">
            {loyalty.applied ? "Update points" : "Use points"}
          </button>
        </>
      ) : (
        <p data-part="unavailable">No points can be used on this order.</p>
      )}
      {loyalty.applied ? (
        <button
          type="button"
          disabled={pending}
          data-part="remove"
          onClick={async () => changed((await remove.run())?.cart)}
        >
          Remove {formatPoints(loyalty.applied, locale)} points ({money(loyalty.applied)})
        </button>
      ) : null}
      <p role="alert" data-part="error">
        {error ? error.message : null}
      </p>
    </form>
  )
}
