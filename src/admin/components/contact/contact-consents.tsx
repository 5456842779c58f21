import { Button, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import type { AdminConsentRecord, AdminCurrentConsent } from "../../lib/types"
import { ConsentValueBadge } from "../status-badges"
import { labelOf, timeOf } from "./format"

const HISTORY_PREVIEW = 5

/** Each configured purpose with its current value, where it came from and when. */
export const CurrentConsents = ({ consents }: { consents: AdminCurrentConsent[] }) => (
  // wider than a phone: it scrolls inside the card, the dates stay on one line
  <div className="overflow-x-auto">
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Purpose</Table.HeaderCell>
          <Table.HeaderCell>Consent</Table.HeaderCell>
          <Table.HeaderCell>Source</Table.HeaderCell>
          <Table.HeaderCell>Since</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {consents.map((consent) => (
          <Table.Row key={consent.purpose}>
            <Table.Cell title={consent.description ?? undefined}>{labelOf(consent.purpose)}</Table.Cell>
            <Table.Cell>
              <ConsentValueBadge value={consent.value} />
            </Table.Cell>
            <Table.Cell>{consent.source ? labelOf(consent.source) : "—"}</Table.Cell>
            <Table.Cell className="whitespace-nowrap">{timeOf(consent.recorded_at)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  </div>
)

/** Proof of one change: who made it, from where, what they were shown. */
function proofOf(record: AdminConsentRecord): string {
  const orderId = record.info?.order_id
  return [
    record.actor_type && `by ${record.actor_type}`,
    typeof orderId === "string" && `order ${record.info?.display_id ?? orderId}`,
    record.wording && `"${record.wording}"`,
    record.ip && `IP ${record.ip}`,
  ]
    .filter(Boolean)
    .join(" · ")
}

/** The consent ledger, newest first: every change with its source and proof. */
/** The latest consent changes; `more`: older ones exist, in the personal-data export. */
export const ConsentHistory = ({ history, more }: { history: AdminConsentRecord[]; more: boolean }) => {
  const [showAll, setShowAll] = useState(false)
  if (!history.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No consent recorded yet.
      </Text>
    )
  }
  const shown = showAll ? history : history.slice(0, HISTORY_PREVIEW)
  return (
    <div className="flex flex-col">
      <div className="divide-y">
        {shown.map((record) => (
          <div key={record.id} className="flex flex-col gap-y-1 px-6 py-3">
            <div className="flex items-center justify-between gap-x-2">
              <Text size="small" weight="plus">
                {labelOf(record.purpose)} · {labelOf(record.source)}
              </Text>
              <ConsentValueBadge value={record.value} />
            </div>
            <Text size="xsmall" className="text-ui-fg-subtle break-words">
              {timeOf(record.recorded_at)}
              {proofOf(record) && ` · ${proofOf(record)}`}
            </Text>
          </div>
        ))}
      </div>
      {history.length > HISTORY_PREVIEW && (
        <div className="px-6 py-3">
          <Button size="small" variant="transparent" onClick={() => setShowAll(!showAll)}>
            {showAll ? "Show fewer" : `Show ${more ? "the latest" : "all"} ${history.length} changes`}
          </Button>
        </div>
      )}
      {more && showAll && (
        <Text size="xsmall" className="text-ui-fg-subtle px-6 pb-3">
          Older changes are in the personal-data export.
        </Text>
      )}
    </div>
  )
}
