import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { DeliveryTable } from "../components/delivery-table"
import { useDeliveries } from "../hooks/api/engagement"

/** Customer page: what the plugin sent to platforms about this customer. */
const CustomerEngagementWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { data, isLoading, error } = useDeliveries({ customer_id: customer.id, limit: 10 })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Engagement deliveries</Heading>
        {data && (
          <Text size="small" className="text-ui-fg-subtle">
            {data.count} in total
          </Text>
        )}
      </div>
      {isLoading && <Text className="px-6 py-4">Loading…</Text>}
      {error && <Text className="text-ui-fg-error px-6 py-4">{error.message}</Text>}
      {data && <DeliveryTable deliveries={data.deliveries} />}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerEngagementWidget
