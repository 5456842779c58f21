import { Button, Table, Text, toast } from "@medusajs/ui"
import { useRetryDelivery } from "../hooks/api/engagement"
import type { AdminDelivery } from "../lib/types"
import { DeliveryStatusBadge } from "./status-badges"

const when = (value: string | null) => (value ? new Date(value).toLocaleString() : "—")

/** The outbox deliveries of an order or a customer, with replay for failed and dead ones. */
export const DeliveryTable = ({ deliveries }: { deliveries: AdminDelivery[] }) => {
  const retry = useRetryDelivery({ onSuccess: () => toast.success("Delivery queued again") })

  if (!deliveries.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        Nothing sent to a platform yet.
      </Text>
    )
  }
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Platform</Table.HeaderCell>
          <Table.HeaderCell>Status</Table.HeaderCell>
          <Table.HeaderCell>Attempts</Table.HeaderCell>
          <Table.HeaderCell>Last</Table.HeaderCell>
          <Table.HeaderCell />
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {deliveries.map((delivery) => (
          <Table.Row key={delivery.id} title={delivery.last_error ?? undefined}>
            <Table.Cell>
              {delivery.platform} · {delivery.operation}
            </Table.Cell>
            <Table.Cell>
              <DeliveryStatusBadge status={delivery.status} />
            </Table.Cell>
            <Table.Cell>
              {delivery.attempts}/{delivery.max_attempts}
            </Table.Cell>
            <Table.Cell>{when(delivery.delivered_at ?? delivery.last_attempt_at)}</Table.Cell>
            <Table.Cell>
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
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
