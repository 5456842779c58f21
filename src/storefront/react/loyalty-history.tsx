"use client"
import type { StoreEngagementLoyaltyTransaction, StoreEngagementLoyaltyTransactionType } from "../../types"
import { useEngagement } from "./context"
import { formatDate, formatPoints } from "./format"
import { useLoyaltyTransactions } from "./hooks"

const TYPE_LABELS: Record<StoreEngagementLoyaltyTransactionType, string> = {
  earn: "Earned",
  redeem: "Spent",
  expire: "Expired",
  reverse: "Taken back",
  restore: "Given back",
  adjust: "Adjusted",
  referral: "Referral",
  scheme_bonus: "Scheme bonus",
  debt_repayment: "Debt repaid",
}

export interface LoyaltyHistoryGroup {
  order_id: string | null
  order_display_id: number | null
  points: number
  transactions: StoreEngagementLoyaltyTransaction[]
}

/** Transactions grouped by order, in the order they came (newest first); those of no order in one group each run. */
export function groupByOrder(transactions: StoreEngagementLoyaltyTransaction[]): LoyaltyHistoryGroup[] {
  const groups: LoyaltyHistoryGroup[] = []
  const byOrder = new Map<string, LoyaltyHistoryGroup>()
  for (const transaction of transactions) {
    const key = transaction.order_id
    let group = key
      ? byOrder.get(key)
      : groups[groups.length - 1]?.order_id === null
        ? groups[groups.length - 1]
        : undefined
    if (!group) {
      group = { order_id: key, order_display_id: transaction.order_display_id ?? null, points: 0, transactions: [] }
      groups.push(group)
      if (key) {
        byOrder.set(key, group)
      }
    }
    group.transactions.push(transaction)
    group.points += transaction.points
  }
  return groups
}

export interface LoyaltyHistoryProps {
  /** the transactions, when the page has them already (no call is made) */
  transactions?: StoreEngagementLoyaltyTransaction[]
  /** how an order is named; "Order #<its number>" by default */
  orderLabel?: (orderId: string, displayId: number | null) => string
  className?: string
}

/** The shopper's points history, grouped by order, each group with its net points. */
export function LoyaltyHistory({ transactions: given, orderLabel, className }: LoyaltyHistoryProps) {
  const { locale } = useEngagement()
  const query = useLoyaltyTransactions()
  const transactions = given ?? query.data?.transactions
  if (!transactions) {
    return query.error ? <p role="alert">{query.error.message}</p> : null
  }
  const signed = (points: number) =>
    `${points > 0 ? "+" : points < 0 ? "−" : ""}${formatPoints(Math.abs(points), locale)}`
  return (
    <section className={className} data-engagement="loyalty-history" aria-label="Points history">
      {transactions.length ? null : <p>No points yet.</p>}
      {groupByOrder(transactions).map((group, index) => (
        <section key={group.order_id ?? `other-${index}`} data-order={group.order_id ?? undefined}>
          <h3>
            {group.order_id
              ? (orderLabel?.(group.order_id, group.order_display_id) ??
                `Order ${group.order_display_id ? `#${group.order_display_id}` : group.order_id}`)
              : "Other points"}{" "}
            <span data-part="net">{signed(group.points)}</span>
          </h3>
          <ul>
            {group.transactions.map((transaction) => (
              <li key={transaction.id} data-type={transaction.type} data-points={transaction.points}>
                <span data-part="type">{TYPE_LABELS[transaction.type] ?? transaction.type}</span>{" "}
                <span data-part="points">{signed(transaction.points)}</span>{" "}
                <time dateTime={transaction.created_at}>{formatDate(transaction.created_at, locale)}</time>
                {transaction.reason ? <span data-part="reason"> {transaction.reason}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  )
}
