import type { HttpTypes } from "@medusajs/types"
import type { StoreEngagementCheckoutConsentChoice, StoreEngagementCheckoutConsents } from "../types"
import { call, segment, type EngagementCallOptions, type EngagementSdk } from "./request"

/** The `reference` of the credit line the plugin puts on a cart for spent points (kept on the order). */
export const LOYALTY_CREDIT_REFERENCE = "loyalty-points"

/** The cart metadata key the plugin reads checkout consents from at `order.placed`. */
export const CHECKOUT_CONSENTS_METADATA_KEY = "engagement_consents"

type CreditLine = { reference?: string | null; amount?: unknown; metadata?: Record<string, unknown> | null }

/** What points took off a cart or an order: its money value and the points (null when none were spent). */
export interface LoyaltyCredit {
  amount: number
  points: number
}

/**
 * The plugin's credit line on a cart or order (the points routes' cart has its `credit_lines`; a
 * cart or order fetched with a `fields` list must name `*credit_lines`). Amounts in the currency's main unit.
 */
export function loyaltyCreditOf(cartOrOrder: object | null | undefined): LoyaltyCredit | null {
  // `HttpTypes.StoreCart` (2.21) does not declare the `credit_lines` the route answers with
  const credited = cartOrOrder as { credit_lines?: CreditLine[] | null } | null | undefined
  const lines = (credited?.credit_lines ?? []).filter((line) => line.reference === LOYALTY_CREDIT_REFERENCE)
  if (!lines.length) {
    return null
  }
  let amount = 0
  let points = 0
  for (const line of lines) {
    amount += Number(line.amount ?? 0)
    points += Number(line.metadata?.points ?? 0)
  }
  return { amount, points }
}

/** One checkout choice: the purpose, whether it was ticked, and the text (with its version) the shopper saw. */
export interface CheckoutConsentInput {
  purpose: string
  granted: boolean
  wording: string
  /** the version of the text, kept in the ledger's proof as `[version] wording` */
  version?: string
}

/** The proof the ledger keeps: the wording, prefixed by its version when there is one. */
export const consentProof = (input: Pick<CheckoutConsentInput, "wording" | "version">): string =>
  input.version ? `[${input.version}] ${input.wording}` : input.wording

/** The metadata value the plugin reads: each purpose with its value and proof. */
export function checkoutConsentsMetadata(choices: CheckoutConsentInput[]): StoreEngagementCheckoutConsents {
  const result: StoreEngagementCheckoutConsents = {}
  for (const choice of choices) {
    const entry: StoreEngagementCheckoutConsentChoice = {
      value: choice.granted ? "True" : "False",
      wording: consentProof(choice),
    }
    result[choice.purpose] = entry
  }
  return result
}

/**
 * POST /store/carts/:id (Medusa's route): writes the checkout choices into the cart's metadata,
 * keeping its other keys (Medusa replaces a cart's metadata as a whole, so pass the cart's current
 * `metadata`). The plugin records them when the order is placed.
 */
export function setCheckoutConsents(
  sdk: EngagementSdk,
  cart: { id: string; metadata?: Record<string, unknown> | null },
  choices: CheckoutConsentInput[],
  options?: EngagementCallOptions
) {
  return call<HttpTypes.StoreCartResponse>(sdk, "POST", `/store/carts/${segment(cart.id)}`, options, {
    body: { metadata: { ...cart.metadata, [CHECKOUT_CONSENTS_METADATA_KEY]: checkoutConsentsMetadata(choices) } },
  })
}
