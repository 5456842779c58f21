/** The Engage calls the outbox can make (seed 004). */
export const EngageOperations = {
  LookupContact: "lookup_contact",
  CreateContact: "create_contact",
  UpdateContact: "update_contact",
  UpdateContactType: "update_contact_type",
  BulkCreate: "bulk_create",
  BulkUpdate: "bulk_update",
} as const
