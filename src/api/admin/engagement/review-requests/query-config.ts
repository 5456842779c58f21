export const defaultAdminReviewRequestFields = [
  "id",
  "order_id",
  "customer_id",
  "email",
  "status",
  "trigger",
  "send_at",
  "sent_at",
  "channel",
  "external_id",
  "delivery_id",
  "reason",
  "purchases",
  "excluded_items",
  "created_at",
  "updated_at",
]

export const listReviewRequestsTransformQueryConfig = {
  defaults: defaultAdminReviewRequestFields,
  defaultLimit: 20,
  isList: true,
}
