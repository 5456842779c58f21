import { CONSENT_VALUES, ConsentValue } from "../../../modules/engagement/types"

/** The cart (and so the order) metadata key a storefront puts the shopper's checkout choices under. */
export const CHECKOUT_CONSENTS_METADATA_KEY = "engagement_consents"

export interface CheckoutConsent {
  purpose: string
  value: ConsentValue
  wording: string | null
}

export interface CheckoutConsents {
  consents: CheckoutConsent[]
  /**
   * what was left out, and why: the order is placed already, so a bad entry cannot be refused; the
   * purpose is left as not asked (no ledger row) and the order's engagement data says so
   */
  ignored: { purpose: string; reason: string }[]
}

function valueOf(choice: unknown): ConsentValue | undefined {
  if (choice === true) {
    return "True"
  }
  if (choice === false) {
    return "False"
  }
  return CONSENT_VALUES.find((value) => value === choice)
}

/**
 * Reads the checkout choices from order metadata: `{ [purpose]: true | false | "True" | "False" |
 * "AwaitingConfirmation" | { value, wording? } }`. Purposes that are not configured and values
 * that are not one of those are left out with the reason.
 */
export function checkoutConsentsFrom(
  metadata: Record<string, unknown> | null | undefined,
  purposes: string[]
): CheckoutConsents {
  const choices = metadata?.[CHECKOUT_CONSENTS_METADATA_KEY]
  const result: CheckoutConsents = { consents: [], ignored: [] }
  if (choices === undefined || choices === null) {
    return result
  }
  if (typeof choices !== "object" || Array.isArray(choices)) {
    result.ignored.push({
      purpose: "*",
      reason: `${CHECKOUT_CONSENTS_METADATA_KEY} is not an object of purpose -> choice`,
    })
    return result
  }
  for (const [purpose, choice] of Object.entries(choices)) {
    if (!purposes.includes(purpose)) {
      // the key is the storefront's text: kept short in the order's engagement data
      result.ignored.push({
        purpose: purpose.slice(0, 64),
        reason: `not a configured purpose (${purposes.join(", ")})`,
      })
      continue
    }
    const detailed = typeof choice === "object" && choice !== null && !Array.isArray(choice)
    const value = valueOf(detailed ? (choice as { value?: unknown }).value : choice)
    if (!value) {
      result.ignored.push({
        purpose,
        reason: `unreadable choice (not true, false, ${CONSENT_VALUES.join(", ")} or { value, wording }): left as not asked`,
      })
      continue
    }
    const wording = detailed ? (choice as { wording?: unknown }).wording : undefined
    result.consents.push({
      purpose,
      value,
      wording: typeof wording === "string" && wording ? wording.slice(0, 2000) : null,
    })
  }
  return result
}

/**
 * The ledger id of an order's checkout choice for one purpose. Being the primary key, it lets the
 * ledger take that row once: a repeated or racing `order.placed` cannot add a second one.
 */
export function checkoutConsentId(orderId: string, purpose: string): string {
  return `engcon_checkout_${orderId}_${purpose}`
}

export type CheckoutConsentOwner =
  | { customer_id: string; actor_type: "customer" | "guest"; actor_id: string | null }
  | { customer_id: null; reason: string }

/**
 * Whose ledger an order's checkout choices go into. Identity comes from authentication: the
 * customer signed in when the cart was completed. Without one, the choices are a guest's: they go
 * into the guest's own record (a customer without an account), and never into a registered
 * account's ledger, to which Medusa attaches a guest checkout with that account's email.
 */
export function checkoutConsentOwner(args: {
  customer_id: string | null
  has_account: boolean
  signed_in_customer_id: string | null
}): CheckoutConsentOwner {
  if (!args.customer_id) {
    return { customer_id: null, reason: "the order has no customer" }
  }
  if (args.signed_in_customer_id === args.customer_id) {
    return { customer_id: args.customer_id, actor_type: "customer", actor_id: args.customer_id }
  }
  if (!args.has_account) {
    return { customer_id: args.customer_id, actor_type: "guest", actor_id: null }
  }
  return {
    customer_id: null,
    reason:
      "checkout without login for a registered account's email: only the account holder, signed in, changes its consents",
  }
}

/** What became of an order's checkout choices, kept for the order's engagement data. */
export interface CheckoutConsentOutcome {
  customer_id: string | null
  signed_in: boolean
  recorded: { purpose: string; value: ConsentValue }[]
  not_recorded: { purpose: string; reason: string }[]
}
