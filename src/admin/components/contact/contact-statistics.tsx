import { Badge, Text } from "@medusajs/ui"
import type { AdminContact } from "../../lib/types"
import { dateOf, labelOf, moneyOf } from "./format"

const SEGMENT_COLORS: Record<string, "green" | "blue" | "orange" | "red" | "grey" | "purple"> = {
  champion: "green",
  loyal: "blue",
  new: "purple",
  promising: "blue",
  at_risk: "orange",
  hibernating: "grey",
}

/** The RFM segment, or nothing before the first order. */
export const SegmentBadge = ({ segment }: { segment: string | null }) =>
  segment ? (
    <Badge size="2xsmall" color={SEGMENT_COLORS[segment] ?? "grey"}>
      {labelOf(segment)}
    </Badge>
  ) : null

const Figure = ({ label, value }: { label: string; value: string }) => (
  <div className="flex flex-col gap-y-0.5">
    <Text size="xsmall" className="text-ui-fg-muted">
      {label}
    </Text>
    <Text size="small" weight="plus">
      {value}
    </Text>
  </div>
)

/** Purchase statistics: canceled orders left out, totals net of received returns. */
export const ContactStatistics = ({ contact }: { contact: AdminContact }) => {
  const currency = contact.currency_code
  const days = contact.average_days_between_orders
  return (
    <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-4">
      <Figure label="Total spent" value={moneyOf(contact.total_spent, currency)} />
      <Figure label="Orders" value={String(contact.order_count)} />
      <Figure label="Returns" value={String(contact.return_count)} />
      <Figure label="Average order" value={moneyOf(contact.average_order_value, currency)} />
      <Figure label="Average price point" value={moneyOf(contact.average_price_point, currency)} />
      <Figure label="First order" value={dateOf(contact.first_order_at)} />
      <Figure label="Last order" value={dateOf(contact.last_order_at)} />
      <Figure label="Days between orders" value={days === null ? "—" : String(days)} />
    </div>
  )
}
