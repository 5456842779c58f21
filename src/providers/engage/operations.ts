/** The Engage calls the outbox can make (Voyado Engage's API v3). */
export const EngageOperations = {
  LookupContact: "lookup_contact",
  CreateContact: "create_contact",
  UpdateContact: "update_contact",
  UpdateContactType: "update_contact_type",
  BulkCreate: "bulk_create",
  BulkUpdate: "bulk_update",
} as const
