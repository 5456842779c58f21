/** An admin sees every ledger column but the lot bookkeeping's internals are left to the ledger check. */
export const defaultAdminLoyaltyTransactionFields = [
  "id",
  "type",
  "points",
  "debt_change",
  "written_off",
  "order_id",
  "line_item_id",
  "reason",
  "actor_type",
  "actor_id",
  "rate",
  "lot_state",
  "lot_remaining",
  "available_at",
  "expires_at",
  "created_at",
]

export const listAdminLoyaltyTransactionsQueryConfig = {
  defaults: defaultAdminLoyaltyTransactionFields,
  allowed: defaultAdminLoyaltyTransactionFields,
  defaultLimit: 20,
  isList: true,
}
