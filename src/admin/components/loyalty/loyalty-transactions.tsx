import { Table, Text } from "@medusajs/ui"
import type { AdminLoyaltyTransaction } from "../../lib/loyalty-types"
import { dateOf, labelOf } from "../contact/format"

/** The latest ledger rows: what changed, by how much, why, and who (an admin's adjustments). */
export const LoyaltyTransactions = ({ transactions }: { transactions: AdminLoyaltyTransaction[] }) =>
  transactions.length ? (
    // wider than a phone: it scrolls inside the card and the reason keeps its width
    <div className="overflow-x-auto">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Date</Table.HeaderCell>
            <Table.HeaderCell>Type</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Points</Table.HeaderCell>
            <Table.HeaderCell>Reason</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {transactions.map((row) => (
            <Table.Row key={row.id}>
              <Table.Cell>{dateOf(row.created_at)}</Table.Cell>
              <Table.Cell>{labelOf(row.type)}</Table.Cell>
              <Table.Cell className={`text-right ${row.points < 0 ? "text-ui-fg-error" : ""}`}>
                {row.points > 0 ? `+${row.points}` : row.points}
              </Table.Cell>
              <Table.Cell className="min-w-[12rem] whitespace-normal">
                {[
                  row.reason,
                  row.actor_type === "user" ? `by ${row.actor_email ?? row.actor_id}` : null,
                  row.debt_change > 0 ? `${row.debt_change} owed` : null,
                ]
                  .filter(Boolean)
                  .join(" · ") || "—"}
              </Table.Cell>
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
