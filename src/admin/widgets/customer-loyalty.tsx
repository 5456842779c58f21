import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { AdjustPoints } from "../components/loyalty/adjust-points"
import { LoyaltyFigures } from "../components/loyalty/loyalty-figures"
import { LoyaltyRelations } from "../components/loyalty/loyalty-relations"
import { LoyaltyTier } from "../components/loyalty/loyalty-tier"
import { LoyaltyTransactions } from "../components/loyalty/loyalty-transactions"
import { Pager } from "../components/pager"
import { SpendingBlockAction, SpendingBlockedBadge } from "../components/loyalty/spending-block"
import { timeOf } from "../components/contact/format"
import { erasedBy } from "../components/contact/customer-privacy"
import { useErasure } from "../hooks/api/customer-actions"
import { useLoyaltySummary, useLoyaltyTransactions } from "../hooks/api/loyalty"
import { useState } from "react"

// ledger rows a page (an order's rows of one kind show as one)
const PAGE_SIZE = 20
import { SectionError, SectionSkeleton } from "../components/engagement-page/section-state"

/** Customer page: the loyalty balance, tier, expiring points, carts holding points, referrals, schemes, latest transactions, adjustments and the spending block. */
const CustomerLoyaltyWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const summary = useLoyaltySummary(customer.id)
  const [offset, setOffset] = useState(0)
  const transactions = useLoyaltyTransactions(customer.id, { limit: PAGE_SIZE, offset })
  const erasure = useErasure(customer.id)
  const error = summary.error ?? transactions.error
  // an erased customer's account is closed: the server refuses every change, the buttons say why
  const disabledReason = erasure.data
    ? `Erased on ${timeOf(erasure.data.erased_at)} by ${erasedBy(erasure.data)}: points cannot be changed until the customer acts again`
    : erasure.isLoading
      ? "Loading…"
      : null

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading level="h2">Loyalty</Heading>
          {summary.data?.spending_blocked && <SpendingBlockedBadge reason={summary.data.blocked_reason} />}
        </div>
        <div className="flex items-center gap-x-2">
          {summary.data && !summary.data.source && (
            <SpendingBlockAction
              customerId={customer.id}
              blocked={summary.data.spending_blocked}
              disabledReason={disabledReason}
            />
          )}
          <AdjustPoints customerId={customer.id} disabledReason={disabledReason} />
        </div>
      </div>
      {erasure.data && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-3" data-testid="loyalty-erased">
          {disabledReason}
        </Text>
      )}
      {summary.isLoading && <SectionSkeleton rows={4} />}
      {error && <SectionError error={error} onRetry={() => Promise.all([summary.refetch(), transactions.refetch()])} />}
      {summary.data && (
        <>
          <LoyaltyTier summary={summary.data} />
          <LoyaltyFigures summary={summary.data} />
          <LoyaltyRelations summary={summary.data} />
        </>
      )}
      {transactions.data && <LoyaltyTransactions transactions={transactions.data.transactions} />}
      {transactions.data && (
        <Pager
          offset={offset}
          limit={PAGE_SIZE}
          count={transactions.data.count}
          onChange={setOffset}
          label="ledger rows"
        />
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerLoyaltyWidget
