import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../../modules/loyalty/types"
import { LOYALTY_CREDIT_REFERENCE } from "../steps/prepare-cart-redemption"
import { prepareCartRedemptionWorkflow } from "../workflows/prepare-cart-redemption"
import {
  EARNING_LINE_FIELDS,
  EarningCreditLine,
  earnPoints,
  earnRateFor,
  EarningLine,
  paidWithPoints,
} from "./earn-points"
import { earningMultiplierOf } from "./earning-multiplier"
import { redeemRuleFor } from "./redeem-amount"

/**
 * A cart's loyalty figures for the storefront: the points it would earn now (with the shopper's
 * tier and scheme multipliers, as the order's award will be), the points applied, the spendable balance and the
 * most it can take. Checks the cart is the shopper's, as applying does (404 otherwise).
 */
export async function cartLoyalty(scope: MedusaContainer, cartId: string, customerId: string) {
  const { result: prepared } = await prepareCartRedemptionWorkflow(scope).run({
    input: { cart_id: cartId, customer_id: customerId, points: null },
  })
  const loyalty = scope.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
  const held = await loyalty.retrieveCartReservation(cartId)
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "currency_code", ...EARNING_LINE_FIELDS],
    filters: { id: cartId },
  })
  const { multiplier, campaign } = await earningMultiplierOf(loyalty, customerId, new Date())
  // the rules in effect now (a setting saved in the admin, else the option)
  const options = await loyalty.effectiveOptions()
  const rate = earnRateFor(options, prepared.currency_code, multiplier)
  // the same rule as the order's award: the part the points pay earns nothing
  const pointsPaid = paidWithPoints(
    options,
    data[0]?.credit_lines as EarningCreditLine[] | undefined,
    LOYALTY_CREDIT_REFERENCE
  )
  const earnable = earnPoints(
    (data[0]?.items ?? []) as EarningLine[],
    rate,
    options.earn.cap_per_order,
    pointsPaid
  ).reduce((sum, line) => sum + line.points, 0)
  return {
    earnable,
    applied: held?.status === "held" ? held.points : 0,
    spendable: prepared.spendable,
    max_applicable: prepared.max_applicable,
    // the campaign in `earnable` now, so the storefront can say why ("double points until Sunday")
    campaign: campaign
      ? { id: campaign.id, name: campaign.name, multiplier: campaign.multiplier, ends_at: campaign.ends_at }
      : null,
    ...redeemTermsFor(options, prepared.currency_code),
  }
}

/** What a storefront's redeem control needs to show money and refuse nothing the route would refuse. */
function redeemTermsFor(options: LoyaltyModuleService["options"], currencyCode: string) {
  const rule = redeemRuleFor(options, currencyCode)
  return {
    currency_code: currencyCode,
    points_per_unit: rule.points_per_unit,
    step: rule.multiple,
    min_points: options.redeem.min_points,
  }
}
