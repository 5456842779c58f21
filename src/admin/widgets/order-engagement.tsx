import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, AdminOrder } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { DeliveryTable } from "../components/delivery-table"
import { OrderPoints } from "../components/loyalty/order-points"
import { ReviewRequestStatusBadge } from "../components/status-badges"
import { useOrderEngagement } from "../hooks/api/engagement"
import { reasonInWords } from "../lib/words"
import { usePlatformWords } from "../hooks/api/engagement-page"
import { formatDateTime } from "../lib/dates"
import { SectionError, SectionSkeleton } from "../components/engagement-page/section-state"

/** Order page: the order's review request and every platform call made for it. */
const OrderEngagementWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { platformName } = usePlatformWords()
  const { data, isLoading, error, refetch } = useOrderEngagement(order.id)
  const review = data?.review_request

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <Heading level="h2">Engagement</Heading>
      </div>
      {isLoading && <SectionSkeleton />}
      {error && <SectionError error={error} onRetry={refetch} />}
      {data && (
        <>
          <div className="flex flex-col gap-y-2 px-6 py-4">
            <div className="flex items-center justify-between">
              <Text size="small" weight="plus">
                Review request
              </Text>
              {review ? <ReviewRequestStatusBadge status={review.status} /> : <Text size="small">none</Text>}
            </div>
            {review && (
              <Text size="small" className="text-ui-fg-subtle">
                {review.status === "scheduled" &&
                  (review.send_at
                    ? `Goes out ${formatDateTime(review.send_at)}`
                    : `Waits for the order to be ${review.trigger}`)}
                {review.status === "scheduled" && review.reason && ` (${reasonInWords(review.reason)})`}
                {review.status === "sent" &&
                  `Sent ${formatDateTime(review.sent_at)} by ${platformName(review.channel)}${review.external_id ? ` (its id ${review.external_id})` : ""}`}
                {(review.status === "skipped" || review.status === "canceled" || review.status === "failed") &&
                  reasonInWords(review.reason)}
              </Text>
            )}
            {review?.status === "sent" && review.channel === "email" && (
              <Text size="small" className="text-ui-fg-muted">
                {`Reminders sent: ${review.reminders_sent ?? 0}`}
                {review.clicked_at ? ` · review link followed ${formatDateTime(review.clicked_at)}` : ""}
                {review.next_reminder_at ? ` · next ${formatDateTime(review.next_reminder_at)}` : ""}
                {review.reason ? ` · ${reasonInWords(review.reason)}` : ""}
              </Text>
            )}
            {!!review?.excluded_items?.length && (
              <Text size="small" className="text-ui-fg-muted">
                Left out: {review.excluded_items.map((item) => `${item.title} (${item.reason})`).join("; ")}
              </Text>
            )}
          </div>
          <OrderPoints points={data.loyalty} />
          <DeliveryTable deliveries={data.deliveries} />
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OrderEngagementWidget
