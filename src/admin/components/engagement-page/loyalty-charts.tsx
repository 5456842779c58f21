import { Container, Heading, Table, Text } from "@medusajs/ui"
import { BarChart } from "../charts/bar-chart"
import { LineChart } from "../charts/line-chart"
import { useLoyaltyStats } from "../../hooks/api/charts"
import type { AdminLoyaltyStats } from "../../lib/chart-types"
import { percent, weekLabel } from "./chart-labels"
import { count } from "./format"
import { SectionState } from "./section-state"

const BASES: Record<string, string> = {
  items_after_discounts: "items after discounts",
  items_before_discounts: "items before discounts",
  items_with_tax: "items with tax",
}

/** The earning rules in effect, in a sentence each. */
const EarningRules = ({ stats }: { stats: AdminLoyaltyStats }) => {
  const { earning, tier_basis } = stats
  const rates = Object.entries(earning.points_per_unit)
    .map(
      ([currency, points]) =>
        `${points} per 1.00 ${currency === "default" ? "in other currencies" : currency.toUpperCase()}`
    )
    .join(", ")
  return (
    <div className="flex flex-col gap-y-1 px-6 py-4" data-section="earning-rules">
      <Text size="small" weight="plus">
        Earning rules
      </Text>
      <Text size="small" className="text-ui-fg-subtle">
        Points: {rates}, on {BASES[earning.base] ?? earning.base}, rounded {earning.rounding}
        {earning.cap_per_order === null ? "" : `, at most ${count(earning.cap_per_order)} per order`}.
      </Text>
      <Text size="small" className="text-ui-fg-subtle">
        Spendable {earning.pending_days ? `${earning.pending_days} days after the order` : "at once"}; they expire{" "}
        {earning.expiry_days === null ? "never" : `after ${earning.expiry_days} days`}. Tiers count the points collected{" "}
        {tier_basis.basis === "lifetime" ? "over the account's life" : `in the last ${tier_basis.window_days} days`}.
      </Text>
    </div>
  )
}

/** Every tier of the settings, members included or not, with what it takes and gives. */
const TierTable = ({ tiers }: { tiers: AdminLoyaltyStats["tiers"] }) => (
  <Table data-section="tiers">
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell>Tier</Table.HeaderCell>
        <Table.HeaderCell>From (points)</Table.HeaderCell>
        <Table.HeaderCell>Multiplier</Table.HeaderCell>
        <Table.HeaderCell>Members</Table.HeaderCell>
      </Table.Row>
    </Table.Header>
    <Table.Body>
      {tiers.map((tier) => (
        <Table.Row key={tier.id ?? "none"} data-tier={tier.id ?? "none"}>
          <Table.Cell>{tier.name}</Table.Cell>
          <Table.Cell>{tier.id ? count(tier.threshold) : "–"}</Table.Cell>
          <Table.Cell>×{tier.multiplier}</Table.Cell>
          <Table.Cell>{count(tier.members)}</Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)

/** The programme over the last 12 weeks, its tiers and its rules. */
export const LoyaltyCharts = () => {
  const { data, isLoading, error } = useLoyaltyStats()
  const weeks = data?.weeks.map((row) => weekLabel(row.week)) ?? []
  const issued = data?.weeks.reduce((sum, row) => sum + row.issued, 0) ?? 0
  const redeemed = data?.weeks.reduce((sum, row) => sum + row.redeemed, 0) ?? 0
  return (
    <Container className="divide-y p-0" data-section="loyalty-charts">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Programme over 12 weeks</Heading>
        {data && (
          <Text size="small" className="text-ui-fg-subtle">
            Redemption rate{" "}
            <span className="txt-compact-small-plus text-ui-fg-base" data-figure="redemption-rate">
              {percent(data.redemption_rate)}
            </span>{" "}
            ({count(redeemed)} of {count(issued)} points issued)
          </Text>
        )}
      </div>
      <SectionState isLoading={isLoading} error={error}>
        {data && (
          <>
            <div className="grid gap-6 px-6 py-4 xl:grid-cols-2">
              <BarChart
                id="loyalty-points"
                title="Points per week"
                summary={`${count(issued)} issued and ${count(redeemed)} redeemed over ${weeks.length} weeks`}
                categories={weeks}
                series={[
                  { key: "issued", label: "Issued", tone: "green", values: data.weeks.map((row) => row.issued) },
                  { key: "redeemed", label: "Redeemed", tone: "blue", values: data.weeks.map((row) => row.redeemed) },
                  { key: "expired", label: "Expired", tone: "orange", values: data.weeks.map((row) => row.expired) },
                ]}
              />
              <LineChart
                id="loyalty-outstanding"
                title="Outstanding points (the liability)"
                summary={`${count(data.weeks[data.weeks.length - 1]?.outstanding ?? 0)} points outstanding now`}
                categories={weeks}
                series={[
                  {
                    key: "outstanding",
                    label: "Outstanding at the week's end",
                    tone: "purple",
                    values: data.weeks.map((row) => row.outstanding),
                  },
                ]}
              />
            </div>
            <div className="grid items-start gap-6 px-6 py-4 xl:grid-cols-2">
              <BarChart
                id="loyalty-tiers"
                title="Members per tier"
                summary={data.tiers.map((tier) => `${tier.name} ${tier.members}`).join(", ")}
                categories={data.tiers.map((tier) => tier.name)}
                series={[
                  { key: "members", label: "Members", tone: "blue", values: data.tiers.map((tier) => tier.members) },
                ]}
              />
              <TierTable tiers={data.tiers} />
            </div>
            <EarningRules stats={data} />
          </>
        )}
      </SectionState>
    </Container>
  )
}
