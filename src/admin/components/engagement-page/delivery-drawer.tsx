import { Button, CodeBlock, Drawer, Heading, Text, toast } from "@medusajs/ui"
import { useRetryDelivery } from "../../hooks/api/engagement"
import { useDelivery, usePlatformWords } from "../../hooks/api/engagement-page"
import type { AdminDeliveryDetail } from "../../lib/types"
import { deliveryTitle } from "../../lib/words"
import { CustomerLink, OrderLink } from "../people"
import { DeliveryStatusBadge } from "../status-badges"
import { isWaitingRetry, retryLabel } from "./delivery-retry"
import { instant, sealSecrets } from "./format"
import { SectionState } from "./section-state"

const json = (value: unknown) => JSON.stringify(sealSecrets(value), null, 2)

const JsonBlock = ({ label, value }: { label: string; value: unknown }) => (
  <CodeBlock snippets={[{ label, language: "json", code: json(value) }]}>
    <CodeBlock.Body />
  </CodeBlock>
)

/** How it went, in a line: when it was delivered, or the attempts made and left. */
function progress(delivery: AdminDeliveryDetail) {
  switch (delivery.status) {
    case "delivered":
      return `Delivered ${instant(delivery.delivered_at)}${delivery.external_id ? ` · the platform's id ${delivery.external_id}` : ""}`
    case "canceled":
      return `Canceled after ${delivery.attempts} ${delivery.attempts === 1 ? "attempt" : "attempts"}`
    case "dry_run":
      return "Dry run: built, not sent"
    default:
      return `Attempt ${delivery.attempts} of ${delivery.max_attempts} · last ${instant(delivery.last_attempt_at)} · answered ${delivery.response_status ?? "nothing"}`
  }
}

/** The raw call and answer, credentials sealed, for whoever debugs the platform. */
const TechnicalDetails = ({ delivery }: { delivery: AdminDeliveryDetail }) => (
  <details className="flex flex-col gap-y-2" data-technical-details>
    <summary className="txt-compact-small-plus cursor-pointer">Technical details</summary>
    <div className="flex flex-col gap-y-2 pt-2">
      <Text size="small" className="text-ui-fg-subtle">
        {delivery.platform} · {delivery.operation} · {delivery.id}
      </Text>
      <Text weight="plus" size="small">
        Payload
      </Text>
      <JsonBlock label="payload" value={delivery.payload} />
      {delivery.dry_run_request && (
        <>
          <Text weight="plus" size="small">
            Request (dry run, not sent; secrets masked)
          </Text>
          <JsonBlock label="request" value={delivery.dry_run_request} />
        </>
      )}
      <Text weight="plus" size="small">
        Platform's answer
      </Text>
      <JsonBlock label="answer" value={delivery.response_summary ?? {}} />
    </div>
  </details>
)

/** One delivery, titled by what happened, with its order and customer, its next try, retry, and the raw call behind a toggle. */
export const DeliveryDrawer = ({ id, onClose }: { id: string | null; onClose: () => void }) => {
  const words = usePlatformWords()
  const { data, isLoading, error, refetch } = useDelivery(id)
  const retry = useRetryDelivery({ onSuccess: () => toast.success("Delivery queued again") })
  const delivery = data?.delivery
  return (
    <Drawer open={!!id} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title asChild>
            <Heading className="truncate" title={id ?? undefined}>
              {delivery ? deliveryTitle(delivery, words) : "Delivery"}
            </Heading>
          </Drawer.Title>
          <Drawer.Description className="sr-only">The call sent to the platform and its answer</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <SectionState isLoading={isLoading} error={error} onRetry={refetch} rows={5}>
            {delivery && (
              <>
                <div className="flex items-center justify-between">
                  <Text size="small" className="text-ui-fg-subtle">
                    {progress(delivery)}
                  </Text>
                  <DeliveryStatusBadge status={delivery.status} />
                </div>
                {isWaitingRetry(delivery) && (
                  <Text size="small" data-next-try={delivery.id}>
                    Failed {delivery.attempts} of {delivery.max_attempts} tries; next try{" "}
                    {instant(delivery.next_attempt_at)}
                  </Text>
                )}
                <div className="grid grid-cols-[auto_1fr] items-start gap-x-4 gap-y-2">
                  <Text size="small" weight="plus">
                    Order
                  </Text>
                  <Text size="small" as="div">
                    <OrderLink order={delivery.order} />
                  </Text>
                  <Text size="small" weight="plus">
                    Customer
                  </Text>
                  <Text size="small" as="div">
                    <CustomerLink customer={delivery.customer} />
                  </Text>
                </div>
                {delivery.last_error && delivery.status !== "delivered" && (
                  <Text size="small" className="text-ui-fg-error break-words">
                    {delivery.last_error}
                  </Text>
                )}
                <TechnicalDetails delivery={delivery} />
              </>
            )}
          </SectionState>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary">Close</Button>
          </Drawer.Close>
          {delivery && retryLabel(delivery) && (
            <Button
              isLoading={retry.isPending}
              onClick={() => retry.mutate(delivery.id, { onError: (e) => toast.error(e.message) })}
            >
              {retryLabel(delivery)}
            </Button>
          )}
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
