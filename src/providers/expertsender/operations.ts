/** The ExpertSender calls the outbox can make (ExpertSender's ECDP API). */
export const ExpertSenderOperations = {
  UpsertCustomers: "upsert_customers",
  GetCustomerById: "get_customer_by_id",
  GetCustomerByEmail: "get_customer_by_email",
  GetCustomerByPhone: "get_customer_by_phone",
  GetCustomerByCrmId: "get_customer_by_crm_id",
} as const
