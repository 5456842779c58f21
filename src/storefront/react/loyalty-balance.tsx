"use client"
import { useId } from "react"
import type { StoreEngagementLoyalty } from "../../types"
import { useEngagement } from "./context"
import { formatDate, formatPoints } from "./format"
import { useLoyalty } from "./hooks"

export interface LoyaltyBalanceProps {
  /** the summary, when the page has it already (no call is made) */
  loyalty?: StoreEngagementLoyalty
  className?: string
}

function expiryText(bucket: StoreEngagementLoyalty["expiring"][number]): string {
  if (bucket.to_days === null) {
    return `after ${bucket.from_days} days`
  }
  return bucket.from_days === 0 ? `within ${bucket.to_days} days` : `in ${bucket.from_days}–${bucket.to_days} days`
}

/** The shopper's points: balance, tier and the way to the next one, and what expires when. */
export function LoyaltyBalance({ loyalty: given, className }: LoyaltyBalanceProps) {
  const { locale } = useEngagement()
  const query = useLoyalty(given === undefined)
  const progressLabel = useId()
  const loyalty = given ?? query.data
  if (!loyalty) {
    return (
      <section className={className} data-engagement="loyalty-balance" data-state={query.error ? "error" : "loading"}>
        {query.error ? <p role="alert">{query.error.message}</p> : <p aria-busy="true">Loading points…</p>}
      </section>
    )
  }
  const next = loyalty.tier?.next ?? loyalty.next_tier
  // the summary has all four periods; one where nothing expires says nothing to the shopper
  const expiring = loyalty.expiring.filter((bucket) => bucket.points > 0)
  const reached = loyalty.period_points
  return (
    <section
      className={className}
      data-engagement="loyalty-balance"
      data-tier={loyalty.tier?.id}
      aria-label="Your points"
    >
      <p data-part="balance" aria-live="polite">
        <strong>{formatPoints(loyalty.balance, locale)}</strong> points
        {loyalty.pending > 0 ? (
          <span data-part="pending"> ({formatPoints(loyalty.pending, locale)} pending)</span>
        ) : null}
      </p>
      {loyalty.tier ? (
        <p data-part="tier" style={loyalty.tier.color ? { borderColor: loyalty.tier.color } : undefined}>
          Tier: {loyalty.tier.name}
          {loyalty.tier.retain_by && loyalty.tier.points_to_retain > 0
            ? ` (${formatPoints(loyalty.tier.points_to_retain, locale)} points by ${formatDate(loyalty.tier.retain_by, locale)} to keep it)`
            : null}
        </p>
      ) : null}
      {next ? (
        <div data-part="next-tier">
          <span id={progressLabel}>
            {formatPoints(next.points_needed, locale)} points to {next.name}
          </span>
          <div
            role="progressbar"
            aria-labelledby={progressLabel}
            aria-valuemin={0}
            aria-valuemax={reached + next.points_needed}
            aria-valuenow={reached}
            data-part="progress"
          >
            <div
              data-part="progress-bar"
              style={{ width: `${(100 * reached) / (reached + next.points_needed || 1)}%` }}
            />
          </div>
        </div>
      ) : null}
      {expiring.length ? (
        <ul data-part="expiring" aria-label="Points about to expire">
          {expiring.map((bucket) => (
            <li key={bucket.from_days} data-points={bucket.points}>
              {formatPoints(bucket.points, locale)} points expire {expiryText(bucket)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
