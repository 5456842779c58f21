import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { AdjustPoints } from "../components/loyalty/adjust-points"
import { LoyaltyFigures } from "../components/loyalty/loyalty-figures"
import { LoyaltyRelations } from "../components/loyalty/loyalty-relations"
import { LoyaltyTier } from "../components/loyalty/loyalty-tier"
import { LoyaltyTransactions } from "../components/loyalty/loyalty-transactions"
import { useLoyaltySummary, useLoyaltyTransactions } from "../hooks/api/loyalty"

/** Customer page: the loyalty balance, tier, expiring points, carts holding points, referrals, schemes, latest transactions and adjustments. */
const CustomerLoyaltyWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const summary = useLoyaltySummary(customer.id)
  const transactions = useLoyaltyTransactions(customer.id, { limit: 5 })
  const error = summary.error ?? transactions.error

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading level="h2">Loyalty</Heading>
          {summary.data?.spending_blocked && (
            <Badge size="2xsmall" color="red">
              Spending blocked
            </Badge>
          )}
        </div>
        <AdjustPoints customerId={customer.id} />
      </div>
      {summary.isLoading && <Text className="px-6 py-4">Loading…</Text>}
      {error && <Text className="text-ui-fg-error px-6 py-4">{error.message}</Text>}
      {summary.data && (
        <>
          <LoyaltyTier summary={summary.data} />
          <LoyaltyFigures summary={summary.data} />
          <LoyaltyRelations summary={summary.data} />
        </>
      )}
      {transactions.data && <LoyaltyTransactions transactions={transactions.data.transactions} />}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerLoyaltyWidget
