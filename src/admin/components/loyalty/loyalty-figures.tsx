import { Text } from "@medusajs/ui"
import type { AdminLoyaltySummary } from "../../lib/loyalty-types"
import { moneyOf, timeOf } from "../contact/format"

const Figure = ({ label, value, tone }: { label: string; value: number; tone?: "error" }) => (
  <div className="flex flex-col gap-y-0.5">
    <Text size="xsmall" className="text-ui-fg-muted">
      {label}
    </Text>
    <Text size="small" weight="plus" className={tone === "error" ? "text-ui-fg-error" : undefined}>
      {value.toLocaleString()}
    </Text>
  </div>
)

/** Spendable, pending, held by carts, owed; then what expires when. */
export const LoyaltyFigures = ({ summary }: { summary: AdminLoyaltySummary }) => (
  <div className="flex flex-col gap-y-4 px-6 py-4">
    <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
      <Figure label="Balance" value={summary.balance} />
      <Figure label="Pending" value={summary.pending} />
      <Figure label="Reserved" value={summary.reserved} />
      <Figure label="Owed" value={summary.debt} tone={summary.debt > 0 ? "error" : undefined} />
    </div>
    <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
      {summary.expiring.map((bucket) => (
        <Figure
          key={bucket.from_days}
          label={
            bucket.to_days === null
              ? `Expiring after ${bucket.from_days} days`
              : `Expiring in ${bucket.from_days}–${bucket.to_days} days`
          }
          value={bucket.points}
        />
      ))}
    </div>
    {!!summary.holds?.length && (
      <div className="flex flex-col gap-y-1">
        <Text size="xsmall" className="text-ui-fg-muted">
          Held by carts
        </Text>
        {summary.holds.map((hold) => (
          <Text key={hold.cart_id} size="small">
            {`${hold.points.toLocaleString()} points (${moneyOf(hold.amount, hold.currency_code)}) on cart ${hold.cart_id}, released ${timeOf(hold.expires_at)} unless it completes`}
          </Text>
        ))}
      </div>
    )}
  </div>
)
