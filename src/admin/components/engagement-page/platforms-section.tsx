import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { usePlatforms, useReconciliation } from "../../hooks/api/engagement-page"
import type { AdminPlatform, DeliveryCounts } from "../../lib/types"
import { count, instant } from "./format"
import { PlatformStateBadge } from "../status-badges"
import { SectionState } from "./section-state"

const COUNT_KEYS: (keyof DeliveryCounts)[] = ["delivered", "failed", "dead", "waiting"]
const SYNC_KEYS = ["synced", "pending", "conflict", "needs_linking", "error"]

const Counts = ({ counts }: { counts: DeliveryCounts }) => (
  <span className="flex flex-wrap gap-x-3">
    {COUNT_KEYS.map((key) => (
      <Text key={key} size="small" as="span" data-count={key}>
        {key} <span className="txt-compact-small-plus">{count(counts[key])}</span>
      </Text>
    ))}
  </span>
)

/** The delivery log filtered to one platform's failed rows (the Engagement page reads tab and filters from the URL). */
const failedDeliveriesOf = (platform: string) =>
  `/engagement?${new URLSearchParams({ tab: "deliveries", platform, status: "failed" })}`

/** The latest error in the platform's own words when it gave any, else the outbox's reason. */
const LastError = ({ platform }: { platform: AdminPlatform }) => {
  const error = platform.last_error
  if (!error) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        No error recorded.
      </Text>
    )
  }
  return (
    <div className="flex flex-col gap-y-1" data-last-error>
      <Text size="small" className="text-ui-fg-error break-words">
        Last error {instant(error.at)}
        {/* the status beside the platform's own words; the outbox's reason already is "HTTP 400" */}
        {error.response_status && error.platform_message ? ` (HTTP ${error.response_status})` : ""}:{" "}
        <span data-platform-message>{error.platform_message ?? error.message}</span>
      </Text>
      <Link
        to={failedDeliveriesOf(platform.id)}
        className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover w-fit"
        data-failed-deliveries-link
      >
        See {platform.name}'s failed deliveries
      </Link>
    </div>
  )
}

const PlatformCard = ({ platform }: { platform: AdminPlatform }) => (
  <div className="flex flex-col gap-y-2 px-6 py-4" data-platform={platform.id}>
    <div className="flex flex-wrap items-center justify-between gap-2">
      <Text weight="plus">{platform.name}</Text>
      <div className="flex flex-wrap items-center gap-2">
        {platform.paused_until && (
          <Text size="small" className="text-ui-fg-subtle">
            paused until {instant(platform.paused_until)}
          </Text>
        )}
        <PlatformStateBadge state={platform.state} rule={platform.state_rule} />
      </div>
    </div>
    <div className="flex flex-wrap gap-1">
      {platform.operations.map((operation) => (
        <Badge key={operation} size="2xsmall" title={operation}>
          {platform.operation_labels[operation] ?? operation}
        </Badge>
      ))}
    </div>
    <div className="overflow-x-auto">
      <Table>
        <Table.Body>
          <Table.Row>
            <Table.Cell className="w-40">Last 24 hours</Table.Cell>
            <Table.Cell data-window="last_24h">
              <Counts counts={platform.deliveries.last_24h} />
            </Table.Cell>
          </Table.Row>
          <Table.Row>
            <Table.Cell>All</Table.Cell>
            <Table.Cell data-window="all">
              <Counts counts={platform.deliveries.all} />
            </Table.Cell>
          </Table.Row>
          {platform.contact_sync && (
            <Table.Row>
              <Table.Cell>Contact sync</Table.Cell>
              <Table.Cell data-window="contact_sync">
                <span className="flex flex-wrap gap-x-3">
                  {SYNC_KEYS.map((key) => (
                    <Text key={key} size="small" as="span" data-count={key}>
                      {key.replace(/_/g, " ")}{" "}
                      <span className="txt-compact-small-plus">{count(platform.contact_sync![key] ?? 0)}</span>
                    </Text>
                  ))}
                </span>
              </Table.Cell>
            </Table.Row>
          )}
        </Table.Body>
      </Table>
    </div>
    <LastError platform={platform} />
  </div>
)

/** "N orders repaired in the last 24 h" by the order reconciliation, with the orders and what was done; nothing when none was. */
const ReconciliationLine = () => {
  const { data } = useReconciliation()
  const summary = data?.reconciliation
  if (!summary?.orders_repaired) {
    return null
  }
  return (
    <Text size="small" className="text-ui-fg-subtle" data-reconciliation={summary.orders_repaired}>
      {count(summary.orders_repaired)} {summary.orders_repaired === 1 ? "order" : "orders"} repaired in the last{" "}
      {summary.hours} h
      {summary.kinds.length > 0 &&
        `: ${summary.kinds.map((kind) => `${kind.kind.replace(/_/g, " ")} ${kind.count}`).join(", ")} (${summary.order_ids.join(", ")})`}
    </Text>
  )
}

/** Every platform registered as a provider: its state, operations, delivery counts, last error, 429 pause and contact sync. */
export const PlatformsSection = () => {
  const { data, isLoading, error, refetch } = usePlatforms()
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Platforms</Heading>
        <ReconciliationLine />
      </div>
      <SectionState
        isLoading={isLoading}
        error={error}
        onRetry={refetch}
        isEmpty={!data?.platforms.length}
        empty="No platform is known."
      >
        {data?.platforms.map((platform) => (
          <PlatformCard key={platform.id} platform={platform} />
        ))}
      </SectionState>
    </Container>
  )
}
