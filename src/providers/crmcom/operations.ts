/** The CRM.COM calls the outbox can make (CRM.COM's Self-Service API: Contact Management, Rewards). */
export const CrmComOperations = {
  RegisterContact: "register_contact",
  AuthenticateContact: "authenticate_contact",
  RefreshToken: "refresh_token",
  UpdateContact: "update_contact",
  UpdateConsents: "update_consents",
  // the shopper's loyalty writes while CRM.COM keeps the points
  SignUpRewardScheme: "sign_up_reward_scheme",
  SignOutRewardScheme: "sign_out_reward_scheme",
  VerifyRewardSchemeSignUp: "verify_reward_scheme_sign_up",
  CreateReferral: "create_referral",
  SendReferrals: "send_referrals",
  UpdateSpendPreferences: "update_spend_preferences",
} as const

/** Calls answered with a contact's access token. */
export const TOKEN_OPERATIONS: readonly string[] = [
  CrmComOperations.RegisterContact,
  CrmComOperations.AuthenticateContact,
  CrmComOperations.RefreshToken,
]

/** The shopper's loyalty writes. */
export const LOYALTY_WRITE_OPERATIONS: readonly string[] = [
  CrmComOperations.SignUpRewardScheme,
  CrmComOperations.SignOutRewardScheme,
  CrmComOperations.VerifyRewardSchemeSignUp,
  CrmComOperations.CreateReferral,
  CrmComOperations.SendReferrals,
  CrmComOperations.UpdateSpendPreferences,
]

/** Calls made with a contact's access token (a closed-loop sign-up's verification is made with its code alone). */
export const CONTACT_OPERATIONS: readonly string[] = [
  CrmComOperations.UpdateContact,
  CrmComOperations.UpdateConsents,
  ...LOYALTY_WRITE_OPERATIONS.filter((operation) => operation !== CrmComOperations.VerifyRewardSchemeSignUp),
]

/** What each operation does, as the admin shows it. */
export const crmComOperationLabels: Record<string, string> = {
  register_contact: "Contact registration",
  authenticate_contact: "Contact sign-in",
  refresh_token: "Session renewal",
  update_contact: "Contact update",
  update_consents: "Consent update",
  sign_up_reward_scheme: "Reward scheme sign-up",
  sign_out_reward_scheme: "Reward scheme sign-out",
  verify_reward_scheme_sign_up: "Reward scheme sign-up check",
  create_referral: "Referral",
  send_referrals: "Referral invitations",
  update_spend_preferences: "Points spending preferences",
}
