/**
 * The names the store owner knows things by, for every screen of the admin: platforms as their
 * providers name them, operations as what they do, and the outbox's and review requests' reasons in
 * plain sentences. Ids stay what the API takes and answers; only what is shown changes.
 */

/** How the admin names platforms and their operations: as each provider does, ids where it does not. */
export interface PlatformWords {
  /** the provider's display name; an unknown platform (switched off since, a review request's `email`) by its id */
  platformName(id: string | null | undefined): string
  /** "Customer lookup by CRM id" for `get_customer_by_crm_id`; one without a label with its underscores as spaces */
  operationLabel(operation: string, platform?: string): string
}

const humanize = (operation: string) => {
  const words = operation.replace(/_/g, " ")
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * The words of the platforms as GET /admin/engagement/platforms gives them: each provider's
 * `displayName` and `operationLabels`, so no platform is named outside its own provider's folder.
 */
export function platformWordsOf(
  platforms: { id: string; name: string; operation_labels?: Record<string, string> }[] = []
): PlatformWords {
  const byId = new Map(platforms.map((platform) => [platform.id, platform]))
  return {
    platformName: (id) => (id ? (byId.get(id)?.name ?? id) : "—"),
    operationLabel: (operation, platform) => {
      const own = platform ? byId.get(platform)?.operation_labels?.[operation] : undefined
      const any = platforms.find((candidate) => candidate.operation_labels?.[operation])
      return own ?? any?.operation_labels?.[operation] ?? humanize(operation)
    },
  }
}

/** Delivered, canceled or a dry run: no attempt is left to count, so none is shown. */
export const deliveryFinished = (status: string) => ["delivered", "canceled", "dry_run"].includes(status)

/** A delivery status as a word: `dry_run` is "dry run". */
export const statusLabel = (status: string) => status.replace(/_/g, " ")

/** "#5": an order by the number the store owner sees on the Orders page. */
export const orderNumber = (order: { display_id: number | null; id: string } | null | undefined) =>
  order ? (order.display_id !== null ? `#${order.display_id}` : order.id) : null

/**
 * What a delivery did in one phrase, in its provider's words: "Conversion of order #5 to <platform>",
 * "Contact update for Ada Lovelace to <platform>".
 */
export function deliveryTitle(
  delivery: {
    platform: string
    operation: string
    order?: { display_id: number | null; id: string } | null
    customer?: { name: string | null; email: string | null } | null
  },
  words: PlatformWords
) {
  const what = words.operationLabel(delivery.operation, delivery.platform)
  const about = delivery.order
    ? ` of order ${orderNumber(delivery.order)}`
    : delivery.customer
      ? ` for ${delivery.customer.name ?? delivery.customer.email}`
      : ""
  return `${what}${about} to ${words.platformName(delivery.platform)}`
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
