import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setLoyaltySpendingBlockWorkflow } from "../../workflows/loyalty/workflows/set-loyalty-spending-block"
import { prepareCartRedemptionWorkflow } from "../../workflows/loyalty/workflows/prepare-cart-redemption"
import {
  EarningCreditLine,
  earnPoints,
  earnRateFor,
  EarningLine,
  paidWithPoints,
} from "../../workflows/loyalty/utils/earn-points"
import { LOYALTY_CREDIT_REFERENCE } from "../../workflows/loyalty/steps/prepare-cart-redemption"
import { earningMultiplierOf } from "../../workflows/loyalty/utils/earning-multiplier"
import { redeemRuleFor } from "../../workflows/loyalty/utils/redeem-amount"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { LOYALTY_MODULE } from "../../modules/loyalty/types"
import { refuseIfErased } from "./erased"

/** The module, for routes that only read. */
export function loyaltyOf(scope: MedusaContainer): LoyaltyModuleService {
  return scope.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
}

/** A page of a customer's ledger, newest first, with the fields the caller may see. */
export async function transactionsPage(
  scope: MedusaContainer,
  customerId: string,
  params: { type?: string | string[]; limit: number; offset: number },
  select: string[]
) {
  const filters: Record<string, unknown> = { customer_id: customerId }
  if (params.type) {
    filters.type = params.type
  }
  const [transactions, count] = await loyaltyOf(scope).listAndCountLoyaltyTransactions(filters, {
    select,
    order: { created_at: "DESC", id: "DESC" },
    take: params.limit,
    skip: params.offset,
  })
  return { transactions, count, offset: params.offset, limit: params.limit }
}

/**
 * The Medusa customer an admin route's `:id` names: a customer id, or a contact profile id.
 * 404 when neither exists, so nothing is written for a customer that is not there.
 */
export async function customerIdForContact(scope: MedusaContainer, id: string): Promise<string> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  if (id.startsWith("cus_")) {
    const { data } = await query.graph({ entity: "customer", fields: ["id"], filters: { id } })
    if (data[0]) {
      return data[0].id
    }
  } else {
    const { data } = await query.graph({ entity: "contact_profile", fields: ["customer_id"], filters: { id } })
    if (data[0]) {
      return data[0].customer_id
    }
  }
  throw new MedusaError(MedusaError.Types.NOT_FOUND, `No contact with id ${id}`)
}

/** The block and unblock routes: one workflow, the summary after it (400 for an erased customer). */
export function spendingBlockRoute(blocked: boolean) {
  return async (req: AuthenticatedMedusaRequest<{ reason: string }>, res: MedusaResponse) => {
    const customerId = await customerIdForContact(req.scope, req.params.id)
    await refuseIfErased(req.scope, customerId)
    await setLoyaltySpendingBlockWorkflow(req.scope).run({
      input: { customer_id: customerId, blocked, reason: req.validatedBody.reason },
    })
    const loyalty = loyaltyOf(req.scope)
    const [summary, blockedReason] = await Promise.all([
      loyalty.getLoyaltySummary(customerId),
      blockedReasonOf(loyalty, customerId),
    ])
    res.json({ loyalty: { customer_id: customerId, ...summary, blocked_reason: blockedReason } })
  }
}

/**
 * Why the customer's spending is blocked (the admin's reason, `debt`, or `closed` after an erasure);
 * null when it is not. For admin answers only: the reason is the store's, not the shopper's.
 */
export async function blockedReasonOf(loyalty: LoyaltyModuleService, customerId: string): Promise<string | null> {
  const [account] = await loyalty.listLoyaltyAccounts(
    { customer_id: customerId },
    { select: ["spending_blocked", "blocked_reason"] }
  )
  return account?.spending_blocked ? (account.blocked_reason ?? null) : null
}

/** The points an order moved, by kind (earned and restored positive, redeemed and reversed negative). */
export async function orderPoints(loyalty: LoyaltyModuleService, orderId: string) {
  const rows = await loyalty.listLoyaltyTransactions({ order_id: orderId }, { select: ["type", "points"] })
  const sum = (type: string) => rows.filter((row) => row.type === type).reduce((total, row) => total + row.points, 0)
  return { earned: sum("earn"), redeemed: sum("redeem"), reversed: sum("reverse"), restored: sum("restore") }
}

/**
 * A cart's loyalty figures for the storefront: the points it would earn now (with the shopper's
 * tier and scheme multipliers, as the order's award will be), the points applied, the spendable balance and the
 * most it can take. Checks the cart is the shopper's, as applying does (404 otherwise).
 */
export async function cartLoyalty(scope: MedusaContainer, cartId: string, customerId: string) {
  const { result: prepared } = await prepareCartRedemptionWorkflow(scope).run({
    input: { cart_id: cartId, customer_id: customerId, points: null },
  })
  const loyalty = loyaltyOf(scope)
  const held = await loyalty.retrieveCartReservation(cartId)
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "currency_code",
      "item_subtotal",
      "items.id",
      "items.quantity",
      "items.subtotal",
      "items.discount_subtotal",
      "items.total",
      "credit_lines.reference",
      "credit_lines.amount",
    ],
    filters: { id: cartId },
  })
  const { multiplier } = await earningMultiplierOf(loyalty, customerId)
  const rate = earnRateFor(await loyalty.effectiveOptions(), prepared.currency_code, multiplier)
  // the same rule as the order's award: the part the points pay earns nothing
  const pointsPaid = paidWithPoints(
    await loyalty.effectiveOptions(),
    data[0]?.credit_lines as EarningCreditLine[] | undefined,
    LOYALTY_CREDIT_REFERENCE
  )
  const earnable = earnPoints(
    (data[0]?.items ?? []) as EarningLine[],
    rate,
    (await loyalty.effectiveOptions()).earn.cap_per_order,
    pointsPaid
  ).reduce((sum, line) => sum + line.points, 0)
  return {
    earnable,
    applied: held?.status === "held" ? held.points : 0,
    spendable: prepared.spendable,
    max_applicable: prepared.max_applicable,
    ...redeemTermsFor(await loyalty.effectiveOptions(), prepared.currency_code),
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
