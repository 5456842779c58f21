import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { maxApplicable, moneyForPoints, redeemProblem, redeemRuleFor } from "../utils/redeem-amount"

export const prepareCartRedemptionStepId = "prepare-cart-redemption"

/** The reference of the plugin's credit lines on a cart (and, after completion, on its order). */
export const LOYALTY_CREDIT_REFERENCE = "loyalty-points"

export interface CartForRedemption {
  id: string
  customer_id: string | null
  currency_code: string
  completed_at: string | Date | null
  total: BigNumberInput
  credit_lines?: { id: string; reference: string | null; amount: BigNumberInput }[] | null
}

export interface PreparedRedemption {
  cart_id: string
  customer_id: string
  currency_code: string
  /** the points and their money value; 0 points when only removing */
  points: number
  amount: string
  /** the plugin's credit lines on the cart now, to replace */
  credit_line_ids: string[]
  /** what a storefront shows: the most points this cart can take, the spendable balance */
  max_applicable: number
  spendable: number
}

/**
 * Reads the cart and decides what applying `points` means, refusing before anything is written:
 * a cart that is not the signed-in shopper's is not found (404), a guest or completed cart and
 * points the rules do not allow are a 400 naming the field. `points: null` only checks the cart.
 */
export const prepareCartRedemptionStep = createStep(
  prepareCartRedemptionStepId,
  async (input: { cart_id: string; customer_id: string; points: number | null }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "cart",
      fields: ["id", "customer_id", "currency_code", "completed_at", "total", "credit_lines.*"],
      filters: { id: input.cart_id },
    })
    const cart = data[0] as CartForRedemption | undefined
    if (!cart || (cart.customer_id && cart.customer_id !== input.customer_id)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id: ${input.cart_id} was not found`)
    }
    if (!cart.customer_id) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "cart: points can only be used on a signed-in shopper's cart"
      )
    }
    if (cart.completed_at) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "cart: the cart is already completed")
    }
    const ours = (cart.credit_lines ?? []).filter((line) => line.reference === LOYALTY_CREDIT_REFERENCE)
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const options = await loyalty.effectiveOptions()
    const rule = redeemRuleFor(options, cart.currency_code)
    const held = await loyalty.retrieveCartReservation(cart.id)
    // points whose pending period is over are spendable from that moment (pending ones are not)
    await loyalty.matureLoyaltyPoints(input.customer_id)
    // the account row alone: the summary's tier and expiry reads are not needed here
    const [account] = await loyalty.listLoyaltyAccounts(
      { customer_id: input.customer_id },
      { select: ["balance", "spending_blocked"] }
    )
    // what this cart holds now is spendable again for it: applying replaces
    const spendable = (account?.balance ?? 0) + (held?.status === "held" ? held.points : 0)
    const totalBeforePoints = MathBN.add(cart.total, ...ours.map((line) => line.amount))
    const max = maxApplicable(totalBeforePoints, spendable, rule, options.redeem.max_share)
    const points = input.points ?? 0
    if (input.points !== null) {
      if (account?.spending_blocked) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "points: spending is blocked on this loyalty account")
      }
      const problem = redeemProblem(points, {
        balance: spendable,
        max,
        rule,
        min_points: Math.max(1, options.redeem.min_points),
        currency_code: cart.currency_code,
      })
      if (problem) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, problem)
      }
    }
    return new StepResponse<PreparedRedemption>({
      cart_id: cart.id,
      customer_id: input.customer_id,
      currency_code: cart.currency_code,
      points,
      amount: moneyForPoints(points, rule),
      credit_line_ids: ours.map((line) => line.id),
      max_applicable: max,
      spendable,
    })
  }
)
