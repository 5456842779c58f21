import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { DeliveryTable } from "../components/delivery-table"
import { Pager } from "../components/pager"
import { useDeliveries } from "../hooks/api/engagement"
import { SectionError, SectionSkeleton } from "../components/engagement-page/section-state"

const PAGE_SIZE = 10

/** Customer page: what the plugin sent to platforms about this customer, a page at a time. */
const CustomerEngagementWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const [offset, setOffset] = useState(0)
  const { data, isLoading, error, refetch } = useDeliveries({ customer_id: customer.id, limit: PAGE_SIZE, offset })

  return (
    <Container className="divide-y p-0" data-section="customer-deliveries">
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
      {data && <Pager offset={offset} limit={PAGE_SIZE} count={data.count} onChange={setOffset} label="deliveries" />}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerEngagementWidget
