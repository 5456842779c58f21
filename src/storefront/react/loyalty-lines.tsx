"use client"
import { loyaltyCreditOf } from "../cart"
import { useEngagement } from "./context"
import { formatMoney, formatPoints } from "./format"
import { useCartLoyalty } from "./hooks"

type CreditSource = {
  currency_code?: string | null
  credit_lines?: { reference?: string | null; amount?: unknown; metadata?: Record<string, unknown> | null }[] | null
}

export interface LoyaltyCreditLineProps {
  /** a store cart or order with its `credit_lines` */
  source: CreditSource | null | undefined
  /** the summary's words for it; `{points}` is replaced by the number of points */
  label?: string
  className?: string
}

/**
 * The summary line for points spent on a cart or order (the plugin's credit line): "Points
 * (550) −€5.50". Nothing when no points were spent. Announced politely when it changes.
 */
export function LoyaltyCreditLine({ source, label = "Points ({points})", className }: LoyaltyCreditLineProps) {
  const { locale } = useEngagement()
  const credit = loyaltyCreditOf(source)
  if (!credit || !source?.currency_code) {
    return null
  }
  return (
    <div
      className={className}
      data-engagement="loyalty-credit-line"
      data-points={credit.points}
      aria-live="polite"
      aria-atomic="true"
    >
      <span data-part="label">{label.replace("{points}", formatPoints(credit.points, locale))}</span>
      <span data-part="amount">−{formatMoney(credit.amount, source.currency_code, locale)}</span>
    </div>
  )
}

export interface CartEarnLineProps {
  cartId?: string | null
  /** the points, when the page has them already (no call is made) */
  earnable?: number
  /** the campaign counted in them, when the page has it (else read with the points) */
  campaign?: { name: string; multiplier: number } | null
  /** `{points}` is replaced by the number of points */
  label?: string
  /** shown after the label while a campaign runs; `{name}` and `{multiplier}` are replaced */
  campaignLabel?: string
  className?: string
}

/** "This order earns 39 points" for a cart (with the campaign that multiplies them), announced when it changes. */
export function CartEarnLine({
  cartId,
  earnable,
  campaign,
  label = "This order earns {points} points",
  campaignLabel = " ({name}: ×{multiplier})",
  className,
}: CartEarnLineProps) {
  const { locale } = useEngagement()
  const query = useCartLoyalty(earnable === undefined ? cartId : null)
  const points = earnable ?? query.data?.earnable
  const running = earnable === undefined ? query.data?.campaign : campaign
  return (
    <p className={className} data-engagement="cart-earn-line" data-points={points} role="status" aria-live="polite">
      {points === undefined || points <= 0 ? null : label.replace("{points}", formatPoints(points, locale))}
      {points !== undefined && points > 0 && running ? (
        <span data-part="campaign">
          {campaignLabel.replace("{name}", running.name).replace("{multiplier}", String(running.multiplier))}
        </span>
      ) : null}
    </p>
  )
}
