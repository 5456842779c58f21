import { Button, CodeBlock, Drawer, Heading, Text, toast } from "@medusajs/ui"
import { useRetryDelivery } from "../../hooks/api/engagement"
import { useDelivery } from "../../hooks/api/engagement-page"
import { DeliveryStatusBadge } from "../status-badges"
import { instant, sealSecrets } from "./format"
import { SectionState } from "./section-state"

const json = (value: unknown) => JSON.stringify(sealSecrets(value), null, 2)

/** One delivery: what was sent, what the platform answered (credentials sealed), and retry. */
export const DeliveryDrawer = ({ id, onClose }: { id: string | null; onClose: () => void }) => {
  const { data, isLoading, error, refetch } = useDelivery(id)
  const retry = useRetryDelivery({ onSuccess: () => toast.success("Delivery queued again") })
  const delivery = data?.delivery
  return (
    <Drawer open={!!id} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title asChild>
            <Heading className="truncate" title={id ?? undefined}>
              Delivery {id}
            </Heading>
          </Drawer.Title>
          <Drawer.Description className="sr-only">The call sent to the platform and its answer</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <SectionState isLoading={isLoading} error={error} onRetry={refetch} rows={5}>
            {delivery && (
              <>
                <div className="flex items-center justify-between">
                  <Text weight="plus">
                    {delivery.platform} · {delivery.operation}
                  </Text>
                  <DeliveryStatusBadge status={delivery.status} />
                </div>
                <Text size="small" className="text-ui-fg-subtle">
                  Attempt {delivery.attempts}/{delivery.max_attempts} · last {instant(delivery.last_attempt_at)} ·
                  answered {delivery.response_status ?? "nothing"}
                  {delivery.external_id ? ` · platform id ${delivery.external_id}` : ""}
                </Text>
                {delivery.last_error && (
                  <Text size="small" className="text-ui-fg-error break-words">
                    {delivery.last_error}
                  </Text>
                )}
                <Text weight="plus" size="small">
                  Payload
                </Text>
                <CodeBlock snippets={[{ label: "payload", language: "json", code: json(delivery.payload) }]}>
                  <CodeBlock.Body />
                </CodeBlock>
                {delivery.dry_run_request && (
                  <>
                    <Text weight="plus" size="small">
                      Request (dry run, not sent; secrets masked)
                    </Text>
                    <CodeBlock
                      snippets={[{ label: "request", language: "json", code: json(delivery.dry_run_request) }]}
                    >
                      <CodeBlock.Body />
                    </CodeBlock>
                  </>
                )}
                <Text weight="plus" size="small">
                  Platform's answer
                </Text>
                <CodeBlock
                  snippets={[{ label: "answer", language: "json", code: json(delivery.response_summary ?? {}) }]}
                >
                  <CodeBlock.Body />
                </CodeBlock>
              </>
            )}
          </SectionState>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary">Close</Button>
          </Drawer.Close>
          {delivery && (delivery.status === "failed" || delivery.status === "dead") && (
            <Button
              isLoading={retry.isPending}
              onClick={() => retry.mutate(delivery.id, { onError: (e) => toast.error(e.message) })}
            >
              Retry
            </Button>
          )}
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
