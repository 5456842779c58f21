import { Badge, Text } from "@medusajs/ui"
import type { AdminLoyaltySummary } from "../../lib/loyalty-types"
import { dateOf } from "../contact/format"

/** The tier with a bar towards the next one, and what keeps the current one. */
export const LoyaltyTier = ({ summary }: { summary: AdminLoyaltySummary }) => {
  const tier = summary.tier
  const next = tier?.next ?? summary.next_tier
  const collected = summary.period_points
  const progress = next ? Math.min(100, Math.round((collected / (collected + next.points_needed)) * 100)) : 100
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      <div className="flex items-center justify-between">
        {tier ? (
          <Badge size="2xsmall" style={tier.color ? { borderColor: tier.color, color: tier.color } : undefined}>
            {tier.name}
          </Badge>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            No tier yet
          </Text>
        )}
        <Text size="xsmall" className="text-ui-fg-muted">
          {next ? `${next.points_needed.toLocaleString()} points to ${next.name}` : "Top tier"}
        </Text>
      </div>
      <div
        className="bg-ui-bg-subtle h-2 w-full overflow-hidden rounded-full"
        role="progressbar"
        aria-valuenow={progress}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="bg-ui-fg-interactive h-full rounded-full" style={{ width: `${progress}%` }} />
      </div>
      {tier && tier.points_to_retain > 0 && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {`Collect ${tier.points_to_retain.toLocaleString()} more points by ${dateOf(tier.retain_by)} to keep ${tier.name}.`}
        </Text>
      )}
    </div>
  )
}
