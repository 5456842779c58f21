import { Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import type { AdminCustomerRef, AdminOrderRef } from "../lib/types"
import { orderNumber } from "../lib/words"

// a link inside a clickable table row opens its page, not the row's drawer
const stop = (event: React.MouseEvent) => event.stopPropagation()

/** "#5", linked to the order's page; "—" without an order. */
export const OrderLink = ({ order }: { order: AdminOrderRef | null | undefined }) =>
  order ? (
    <Link to={`/orders/${order.id}`} onClick={stop} className="text-ui-fg-interactive hover:underline" data-order>
      {orderNumber(order)}
    </Link>
  ) : (
    <span className="text-ui-fg-muted">—</span>
  )

/** The customer's name over their email, linked to the customer's page; the fallback text without one. */
export const CustomerLink = ({
  customer,
  fallback,
}: {
  customer: AdminCustomerRef | null | undefined
  fallback?: string | null
}) =>
  customer ? (
    <Link to={`/customers/${customer.id}`} onClick={stop} className="flex flex-col hover:underline" data-customer>
      <span className="text-ui-fg-interactive truncate">{customer.name ?? customer.email ?? customer.id}</span>
      {customer.name && customer.email && (
        <Text as="span" size="xsmall" className="text-ui-fg-subtle truncate">
          {customer.email}
        </Text>
      )}
    </Link>
  ) : (
    <span className="text-ui-fg-muted">{fallback ?? "—"}</span>
  )
