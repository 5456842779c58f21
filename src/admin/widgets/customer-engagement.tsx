import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { DeliveryTable } from "../components/delivery-table"
import { useDeliveries } from "../hooks/api/engagement"
import { SectionError, SectionSkeleton } from "../components/engagement-page/section-state"

/** Customer page: what the plugin sent to platforms about this customer. */
const CustomerEngagementWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { data, isLoading, error, refetch } = useDeliveries({ customer_id: customer.id, limit: 10 })

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <Heading level="h2">Engagement deliveries</Heading>
        {data && (
          <Text size="small" className="text-ui-fg-subtle">
            {data.count} in total
          </Text>
        )}
      </div>
      {isLoading && <SectionSkeleton />}
      {error && <SectionError error={error} onRetry={refetch} />}
      {data && <DeliveryTable deliveries={data.deliveries} />}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerEngagementWidget
