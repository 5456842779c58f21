/** A contact as the admin upsert receives it: a customers API's field names (firstName, crmId…). */
export interface ContactData {
  email?: string
  phone?: string
  crmId?: string
  firstName?: string
  lastName?: string
  /** YYYY-MM-DD */
  dateOfBirth?: string
  gender?: "Male" | "Female" | "NotSpecified"
  customAttributes?: { name: string; value: string }[]
}

export type ContactMode = "Add" | "Update" | "AddOrUpdate"
export type ContactMatchBy = "Email" | "PhoneNumber" | "CrmId"

export interface PlannedContact {
  data: ContactData
  /** the profile and customer that match, when there are */
  profile_id: string | null
  customer_id: string | null
}

/** The value a contact is matched on. */
export function matchValue(data: ContactData, matchBy: ContactMatchBy): string | undefined {
  return matchBy === "Email" ? data.email?.toLowerCase() : matchBy === "PhoneNumber" ? data.phone : data.crmId
}

/** The profile columns a contact's data sets (only the fields it carries). */
export function profileFields(data: ContactData, existingAttributes: Record<string, string> = {}) {
  const fields: Record<string, unknown> = {}
  if (data.email !== undefined) {
    fields.email = data.email.toLowerCase()
  }
  if (data.phone !== undefined) {
    fields.phone = data.phone
  }
  if (data.crmId !== undefined) {
    fields.crm_id = data.crmId
  }
  if (data.firstName !== undefined) {
    fields.first_name = data.firstName
  }
  if (data.lastName !== undefined) {
    fields.last_name = data.lastName
  }
  // a calendar day (YYYY-MM-DD) stays one: no Date, so no time zone can move it
  if (data.dateOfBirth !== undefined) {
    fields.date_of_birth = data.dateOfBirth
  }
  if (data.gender !== undefined) {
    fields.gender = data.gender
  }
  if (data.customAttributes?.length) {
    fields.custom_attributes = {
      ...existingAttributes,
      ...Object.fromEntries(data.customAttributes.map((attribute) => [attribute.name, attribute.value])),
    }
  }
  return fields
}
