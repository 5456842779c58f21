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
  "reminders_sent",
  "next_reminder_at",
  "clicked_at",
  "created_at",
  "updated_at",
]

/** `order` of the list: any field but the JSON ones. */
export const sortableAdminReviewRequestFields = defaultAdminReviewRequestFields.filter(
  (field) => field !== "purchases" && field !== "excluded_items"
)

export const listReviewRequestsTransformQueryConfig = {
  defaults: defaultAdminReviewRequestFields,
  allowed: defaultAdminReviewRequestFields,
  defaultLimit: 20,
  isList: true,
}
