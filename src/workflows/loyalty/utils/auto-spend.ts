import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { applyCartLoyaltyPointsWorkflow } from "../workflows/apply-cart-loyalty-points"
import { prepareCartRedemptionWorkflow } from "../workflows/prepare-cart-redemption"

export interface AutoSpendFacts {
  preference: { enabled: boolean; minimum_points: number } | null
  /** the cart has (or had) points: held, removed by the shopper, released or committed */
  has_reservation: boolean
  /** the cart's payment already has a session, which a change of the total would drop */
  has_payment_session: boolean
  spending_blocked: boolean
  /** the most points the cart can take now (the configured share, whole multiples, the balance) */
  max_applicable: number
  /** the programme's `redeem.min_points` */
  min_points: number
}

/**
 * How many points automatic spend puts on a cart (0: none). Never on a cart that has or had a
 * hold (so a shopper's removal sticks and nothing is applied twice), never once payment has a
 * session, and only when at least the shopper's minimum (and the programme's) can be applied.
 */
export function autoSpendPoints(facts: AutoSpendFacts): number {
  if (!facts.preference?.enabled || facts.has_reservation || facts.has_payment_session || facts.spending_blocked) {
    return 0
  }
  const floor = Math.max(1, facts.min_points, facts.preference.minimum_points)
  return facts.max_applicable >= floor ? facts.max_applicable : 0
}

/**
 * Applies the signed-in shopper's points to their own cart when their automatic-spend preference
 * says so; returns the points applied (0: none). Runs synchronously in the request that sets up
 * payment, before Medusa's handler, so the payment collection is made for the total after points.
 */
export async function autoSpendOnCart(container: MedusaContainer, cartId: string, customerId: string): Promise<number> {
  const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
  const [preference] = await loyalty.listLoyaltyPreferences({ customer_id: customerId })
  if (!preference?.auto_spend_enabled) {
    return 0
  }
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "cart",
    fields: ["id", "customer_id", "completed_at", "payment_collection.payment_sessions.id"],
    filters: { id: cartId },
  })
  const cart = data[0] as
    | {
        customer_id: string | null
        completed_at: unknown
        payment_collection?: { payment_sessions?: unknown[] | null } | null
      }
    | undefined
  // only the shopper's own open cart; anything else is left to Medusa's handler to answer
  if (!cart || cart.customer_id !== customerId || cart.completed_at) {
    return 0
  }
  const [reservation, [account]] = await Promise.all([
    loyalty.retrieveCartReservation(cartId),
    loyalty.listLoyaltyAccounts({ customer_id: customerId }, { select: ["spending_blocked"] }),
  ])
  const facts: Omit<AutoSpendFacts, "max_applicable"> = {
    preference: { enabled: preference.auto_spend_enabled, minimum_points: preference.auto_spend_minimum_points },
    has_reservation: !!reservation,
    has_payment_session: !!cart.payment_collection?.payment_sessions?.length,
    spending_blocked: !!account?.spending_blocked,
    min_points: (await loyalty.effectiveOptions()).redeem.min_points,
  }
  if (!autoSpendPoints({ ...facts, max_applicable: Number.MAX_SAFE_INTEGER })) {
    return 0
  }
  const { result: prepared } = await prepareCartRedemptionWorkflow(container).run({
    input: { cart_id: cartId, customer_id: customerId, points: null },
  })
  const points = autoSpendPoints({ ...facts, max_applicable: prepared.max_applicable })
  if (points) {
    await applyCartLoyaltyPointsWorkflow(container).run({ input: { cart_id: cartId, customer_id: customerId, points } })
  }
  return points
}
