/**
 * The names the store owner knows things by, for every screen of the admin: platforms as their
 * makers spell them, operations as what they do, and the outbox's and review requests' reasons in
 * plain sentences. Ids stay what the API takes and answers; only what is shown changes.
 */

/** Each platform's name, as GET /admin/engagement/platforms gives it (`displayName` of its provider). */
export const PLATFORM_NAMES: Record<string, string> = {
  crmcom: "CRM.COM",
  engage: "Voyado Engage",
  expertsender: "ExpertSender",
  recensus: "Recensus",
  rejoiner: "Rejoiner",
  // a review request's channel when the store sends it itself
  email: "email",
}

/** "CRM.COM" for `crmcom`; an unknown platform (a custom provider) by its id. */
export const platformName = (id: string | null | undefined) => (id ? (PLATFORM_NAMES[id] ?? id) : "—")

/** What each operation of the built-in platforms does, as a noun phrase ("Conversion"). */
export const OPERATION_LABELS: Record<string, string> = {
  // CRM.COM
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
  // Voyado Engage
  lookup_contact: "Contact lookup",
  create_contact: "New contact",
  update_contact_type: "Contact type change",
  bulk_create: "New contacts (batch)",
  bulk_update: "Contact updates (batch)",
  // ExpertSender
  upsert_customers: "Customer update",
  get_customer_by_id: "Customer lookup by id",
  get_customer_by_email: "Customer lookup by email",
  get_customer_by_phone: "Customer lookup by phone",
  get_customer_by_crm_id: "Customer lookup by CRM id",
  // Recensus
  customer_contact_request: "Review request",
  // Rejoiner
  convert: "Conversion",
  cancel: "Journey stop",
  unsubscribe: "Unsubscribe",
  opt_in: "Opt-in",
  create_customer: "New customer",
  update_customer: "Customer update",
}

/** "Customer lookup by CRM id" for `get_customer_by_crm_id`; an unknown one with its underscores as spaces, capitalised. */
export function operationLabel(operation: string) {
  const label = OPERATION_LABELS[operation]
  if (label) {
    return label
  }
  const words = operation.replace(/_/g, " ")
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Delivered, canceled or a dry run: no attempt is left to count, so none is shown. */
export const deliveryFinished = (status: string) => ["delivered", "canceled", "dry_run"].includes(status)

/** A delivery status as a word: `dry_run` is "dry run". */
export const statusLabel = (status: string) => status.replace(/_/g, " ")

/** "#5": an order by the number the store owner sees on the Orders page. */
export const orderNumber = (order: { display_id: number | null; id: string } | null | undefined) =>
  order ? (order.display_id !== null ? `#${order.display_id}` : order.id) : null

/**
 * What a delivery did in one phrase: "Conversion of order #5 to Rejoiner", "Contact update for
 * Ada Lovelace to CRM.COM".
 */
export function deliveryTitle(delivery: {
  platform: string
  operation: string
  order?: { display_id: number | null; id: string } | null
  customer?: { name: string | null; email: string | null } | null
}) {
  const what = operationLabel(delivery.operation)
  const about = delivery.order
    ? ` of order ${orderNumber(delivery.order)}`
    : delivery.customer
      ? ` for ${delivery.customer.name ?? delivery.customer.email}`
      : ""
  return `${what}${about} to ${platformName(delivery.platform)}`
}

const CONSENT_VALUE_WORDS: Record<string, string> = {
  False: "withdrawn",
  AwaitingConfirmation: "awaiting confirmation",
}

/** "email_marketing" as "email-marketing", "review_requests" as "review-request". */
const purposeWords = (purpose: string) => purpose.replace(/_requests$/, "_request").replace(/_/g, "-")

/**
 * A skip or wait reason in words: "no consent for email_marketing (False)" reads "No email-marketing
 * consent (withdrawn)"; an unknown reason is shown as written, capitalised.
 */
export function reasonInWords(reason: string | null | undefined) {
  if (!reason) {
    return ""
  }
  const consent = /no consent for (\w+)(?: \((\w+)\))?/.exec(reason)
  const text = consent
    ? reason.replace(
        consent[0],
        `no ${purposeWords(consent[1])} consent${consent[2] && CONSENT_VALUE_WORDS[consent[2]] ? ` (${CONSENT_VALUE_WORDS[consent[2]]})` : ""}`
      )
    : reason
  return text.charAt(0).toUpperCase() + text.slice(1)
}
