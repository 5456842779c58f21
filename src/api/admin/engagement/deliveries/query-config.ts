export const defaultAdminDeliveryFields = [
  "id",
  "platform",
  "operation",
  "idempotency_key",
  "status",
  "attempts",
  "max_attempts",
  // an earlier attempt may have reached the platform unanswered (see docs/delivery-guarantees.md)
  "in_doubt",
  "next_attempt_at",
  "last_attempt_at",
  "delivered_at",
  "last_error",
  "response_status",
  "external_id",
  "customer_id",
  "order_id",
  "subject_id",
  "created_at",
  "updated_at",
]

/** Every field a delivery route can return; `fields` may ask for these only. */
export const allowedAdminDeliveryFields = [
  ...defaultAdminDeliveryFields,
  "payload",
  "response_summary",
  // under dry-run, the request as it would have been sent (secrets masked)
  "dry_run_request",
]

/** `order` of the list: any field but the JSON ones. */
export const sortableAdminDeliveryFields = defaultAdminDeliveryFields

export const retrieveDeliveryTransformQueryConfig = {
  defaults: allowedAdminDeliveryFields,
  allowed: allowedAdminDeliveryFields,
  isList: false,
}

export const listDeliveriesTransformQueryConfig = {
  defaults: defaultAdminDeliveryFields,
  allowed: allowedAdminDeliveryFields,
  defaultLimit: 20,
  isList: true,
}
