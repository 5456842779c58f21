/** The Rejoiner calls the outbox can make (Rejoiner's REST API v1). */
export const RejoinerOperations = {
  Convert: "convert",
  Cancel: "cancel",
  Unsubscribe: "unsubscribe",
  OptIn: "opt_in",
  CreateCustomer: "create_customer",
  UpdateCustomer: "update_customer",
} as const
