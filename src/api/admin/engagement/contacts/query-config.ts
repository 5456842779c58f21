import { CONTACT_STATISTIC_FIELDS } from "../../../../modules/engagement/statistics/compute"

export const defaultAdminContactFields = [
  "id",
  "customer_id",
  "email",
  "phone",
  "crm_id",
  "first_name",
  "last_name",
  "date_of_birth",
  "gender",
  "language",
  "address",
  "external_ids",
  "custom_attributes",
  "sync_status",
  ...CONTACT_STATISTIC_FIELDS,
  // the loyalty figures the platforms are sent (tier, balance, lifetime points)
  "loyalty",
  "created_at",
  "updated_at",
]

/** `order` of the list: any field but the JSON ones. */
export const sortableAdminContactFields = defaultAdminContactFields.filter(
  (field) => !["address", "external_ids", "custom_attributes", "sync_status"].includes(field)
)

export const listContactsTransformQueryConfig = {
  defaults: defaultAdminContactFields,
  allowed: defaultAdminContactFields,
  defaultLimit: 20,
  isList: true,
}
