/** The CRM.COM calls the outbox can make (CRM.COM's Self-Service API, Contact Management). */
export const CrmComOperations = {
  RegisterContact: "register_contact",
  AuthenticateContact: "authenticate_contact",
  RefreshToken: "refresh_token",
  UpdateContact: "update_contact",
  UpdateConsents: "update_consents",
} as const

/** Calls answered with a contact's access token. */
export const TOKEN_OPERATIONS: readonly string[] = [
  CrmComOperations.RegisterContact,
  CrmComOperations.AuthenticateContact,
  CrmComOperations.RefreshToken,
]

/** Calls made with a contact's access token. */
export const CONTACT_OPERATIONS: readonly string[] = [CrmComOperations.UpdateContact, CrmComOperations.UpdateConsents]
