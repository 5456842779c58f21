import { Button, Text, toast } from "@medusajs/ui"
import { useRetryDelivery } from "../hooks/api/engagement"
import type { AdminDelivery } from "../lib/types"
import { deliveryFinished } from "../lib/words"
import { usePlatformWords } from "../hooks/api/engagement-page"
import { CustomerLink, OrderLink } from "./people"
import { DeliveryStatusBadge } from "./status-badges"
import { formatDateTime } from "../lib/dates"

/**
 * The outbox deliveries of an order or a customer, one compact row each (it fits the order
 * page's side column): what was done on which platform, for which order and customer, with
 * replay for failed and dead ones.
 */
export const DeliveryTable = ({ deliveries }: { deliveries: AdminDelivery[] }) => {
  const { operationLabel, platformName } = usePlatformWords()
  const retry = useRetryDelivery({ onSuccess: () => toast.success("Delivery queued again") })

  if (!deliveries.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        Nothing sent to a platform yet.
      </Text>
    )
  }
  return (
    <div className="divide-y">
      {deliveries.map((delivery) => (
        <div key={delivery.id} className="flex flex-col gap-y-1 px-6 py-3" data-delivery={delivery.id}>
          <div className="flex items-center justify-between gap-x-2">
            <Text size="small" weight="plus" className="truncate">
              {operationLabel(delivery.operation, delivery.platform)} · {platformName(delivery.platform)}
            </Text>
            <DeliveryStatusBadge status={delivery.status} />
          </div>
          <div className="flex items-center gap-x-2">
            <Text size="xsmall" as="span">
              <OrderLink order={delivery.order} />
            </Text>
            {delivery.customer && (
              <Text size="xsmall" as="span">
                <CustomerLink customer={delivery.customer} />
              </Text>
            )}
          </div>
          <div className="flex items-center justify-between gap-x-2">
            <Text size="xsmall" className="text-ui-fg-subtle">
              {deliveryFinished(delivery.status)
                ? formatDateTime(delivery.delivered_at ?? delivery.last_attempt_at ?? delivery.created_at, "not yet")
                : `attempt ${delivery.attempts} of ${delivery.max_attempts} · ${formatDateTime(delivery.last_attempt_at, "not yet")}`}
            </Text>
            {(delivery.status === "failed" || delivery.status === "dead") && (
              <Button
                size="small"
                variant="secondary"
                isLoading={retry.isPending && retry.variables === delivery.id}
                onClick={() => retry.mutate(delivery.id, { onError: (e) => toast.error(e.message) })}
              >
                Retry
              </Button>
            )}
          </div>
          {delivery.last_error && delivery.status !== "delivered" && (
            <Text size="xsmall" className="text-ui-fg-error break-words">
              {delivery.last_error}
            </Text>
          )}
        </div>
      ))}
    </div>
  )
}
