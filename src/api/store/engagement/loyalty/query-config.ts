/** What a shopper sees of each ledger row: never who made an adjustment or the lot bookkeeping. */
export const defaultStoreLoyaltyTransactionFields = [
  "id",
  "type",
  "points",
  "order_id",
  "reason",
  "created_at",
  "expires_at",
]

export const listStoreLoyaltyTransactionsQueryConfig = {
  defaults: defaultStoreLoyaltyTransactionFields,
  allowed: defaultStoreLoyaltyTransactionFields,
  defaultLimit: 20,
  isList: true,
}
