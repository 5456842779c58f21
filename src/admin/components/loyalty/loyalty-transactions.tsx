import { Table, Text } from "@medusajs/ui"
import type { AdminLoyaltyTransaction } from "../../lib/loyalty-types"
import { dateOf, labelOf } from "../contact/format"
import { groupByOrder, type LedgerGroup } from "../../lib/ledger-groups"
import { OrderLink } from "../people"

const reasonOf = ({ first, lines, debt_change }: LedgerGroup) =>
  [
    lines > 1 ? `${lines} lines` : null,
    first.reason,
    first.actor_type === "user" ? `by ${first.actor_email ?? first.actor_id}` : null,
    debt_change > 0 ? `${debt_change} owed` : null,
  ]
    .filter(Boolean)
    .join(" · ")

/** Ledger rows, an order's rows grouped: what changed, for which order, by how much, why, and who. */
export const LoyaltyTransactions = ({ transactions }: { transactions: AdminLoyaltyTransaction[] }) =>
  transactions.length ? (
    // wider than a phone: it scrolls inside the card and the reason keeps its width
    <div className="overflow-x-auto">
      <Table data-section="loyalty-transactions">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Date</Table.HeaderCell>
            <Table.HeaderCell>Type</Table.HeaderCell>
            <Table.HeaderCell>Order</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Points</Table.HeaderCell>
            <Table.HeaderCell>Reason</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {groupByOrder(transactions).map((group) => (
            <Table.Row key={group.key}>
              <Table.Cell>{dateOf(group.first.created_at)}</Table.Cell>
              <Table.Cell>{labelOf(group.first.type)}</Table.Cell>
              <Table.Cell>{group.first.order_id ? <OrderLink order={group.first.order} /> : "—"}</Table.Cell>
              <Table.Cell className={`text-right ${group.points < 0 ? "text-ui-fg-error" : ""}`}>
                {group.points > 0 ? `+${group.points}` : group.points}
              </Table.Cell>
              <Table.Cell className="min-w-[12rem] whitespace-normal">{reasonOf(group) || "—"}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  ) : (
    <Text size="small" className="text-ui-fg-subtle px-6 py-4">
      No points yet.
    </Text>
  )
