import { Text } from "@medusajs/ui"
import type { AdminOrderEngagement } from "../../lib/types"

const signed = (points: number) => (points > 0 ? `+${points}` : String(points))

/** The loyalty points an order moved; nothing when it moved none (a guest's order). */
export const OrderPoints = ({ points }: { points: AdminOrderEngagement["loyalty"] }) => {
  const parts = (
    [
      ["earned", points.earned],
      ["redeemed", points.redeemed],
      ["reversed", points.reversed],
      ["restored", points.restored],
    ] as const
  ).filter(([, value]) => value !== 0)
  return (
    <div className="flex items-center justify-between px-6 py-4">
      <Text size="small" weight="plus">
        Loyalty points
      </Text>
      <Text size="small" className="text-ui-fg-subtle">
        {parts.length ? parts.map(([label, value]) => `${signed(value)} ${label}`).join(" · ") : "none"}
      </Text>
    </div>
  )
}
