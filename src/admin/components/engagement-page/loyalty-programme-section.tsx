import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useLoyaltyProgramme } from "../../hooks/api/loyalty"
import { moneyOf } from "../contact/format"
import { count, instant } from "./format"
import { SectionState } from "./section-state"
import { TruncatedId } from "../truncated-id"

const bucketLabel = (bucket: { from_days: number; to_days: number | null }) =>
  bucket.to_days === null ? `after ${bucket.from_days} days` : `in ${bucket.from_days}–${bucket.to_days} days`

/** What the programme owes: points outstanding, their value, expiry and the latest adjustments (the tiers: loyalty-charts.tsx). */
export const LoyaltyProgrammeSection = () => {
  const { data, isLoading, error, refetch } = useLoyaltyProgramme()
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Loyalty programme</Heading>
      </div>
      <SectionState
        isLoading={isLoading}
        error={error}
        onRetry={refetch}
        isEmpty={data?.accounts === 0}
        empty="No member has points yet."
      >
        {data && (
          <>
            <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-4" data-section="liability">
              <div>
                <Text size="small" className="text-ui-fg-subtle">
                  Outstanding points
                </Text>
                <Text weight="plus" data-figure="outstanding">
                  {count(data.outstanding)}
                </Text>
              </div>
              <div>
                <Text size="small" className="text-ui-fg-subtle">
                  Members
                </Text>
                <Text weight="plus" data-figure="accounts">
                  {count(data.accounts)}
                </Text>
              </div>
              <div>
                <Text size="small" className="text-ui-fg-subtle">
                  Value
                </Text>
                {data.value.map((value) => (
                  <Text weight="plus" key={value.currency_code} data-figure={`value-${value.currency_code}`}>
                    {moneyOf(value.amount, value.currency_code)}
                  </Text>
                ))}
              </div>
              <div>
                <Text size="small" className="text-ui-fg-subtle">
                  Pending · reserved
                </Text>
                <Text weight="plus">
                  {count(data.pending)} · {count(data.reserved)}
                </Text>
              </div>
            </div>
            <div className="px-6 py-4">
              <Text weight="plus" size="small">
                Expiring
              </Text>
              {data.expiring.map((bucket) => (
                <Text size="small" key={bucket.from_days}>
                  {bucketLabel(bucket)}: {count(bucket.points)}
                </Text>
              ))}
            </div>
            <div className="py-2">
              <Text weight="plus" size="small" className="px-6">
                Latest adjustments
              </Text>
              {data.latest_adjustments.length ? (
                // wider than a phone: it scrolls inside the card, the page does not
                <div className="overflow-x-auto">
                  <Table>
                    <Table.Header>
                      <Table.Row>
                        <Table.HeaderCell>When</Table.HeaderCell>
                        <Table.HeaderCell>Customer</Table.HeaderCell>
                        <Table.HeaderCell>Points</Table.HeaderCell>
                        <Table.HeaderCell>Admin</Table.HeaderCell>
                        <Table.HeaderCell>Reason</Table.HeaderCell>
                      </Table.Row>
                    </Table.Header>
                    <Table.Body>
                      {data.latest_adjustments.map((row) => (
                        <Table.Row key={row.id}>
                          <Table.Cell>{instant(row.created_at)}</Table.Cell>
                          <Table.Cell className="max-w-[16rem]">
                            <TruncatedId value={row.customer_email ?? row.customer_id} />
                          </Table.Cell>
                          <Table.Cell>{count(row.points)}</Table.Cell>
                          <Table.Cell>{row.actor_email ?? row.actor_id ?? ""}</Table.Cell>
                          <Table.Cell className="min-w-[12rem] whitespace-normal">{row.reason ?? ""}</Table.Cell>
                        </Table.Row>
                      ))}
                    </Table.Body>
                  </Table>
                </div>
              ) : (
                <Text size="small" className="text-ui-fg-subtle px-6">
                  No adjustment yet.
                </Text>
              )}
            </div>
          </>
        )}
      </SectionState>
    </Container>
  )
}
