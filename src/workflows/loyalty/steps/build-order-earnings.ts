import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_MODULE, LoyaltyEntryInput } from "../../../modules/loyalty/types"
import {
  EARNING_LINE_FIELDS,
  EarningCreditLine,
  earnPoints,
  earnRateFor,
  EarningLine,
  paidWithPoints,
} from "../utils/earn-points"
import { LOYALTY_CREDIT_REFERENCE } from "./prepare-cart-redemption"
import { earningMultiplierOf } from "../utils/earning-multiplier"
import { ORDER_ITEM_BASE_FIELDS } from "../../../utils/order-item-fields"
import { readOrder, SharedOrderReadInput } from "../../../utils/shared-order-read"

export const buildOrderEarningsStepId = "build-order-earnings"

interface EarningOrder {
  id: string
  customer_id?: string | null
  currency_code: string
  status: string
  /** when it was placed: a campaign applies to orders placed in its window */
  created_at?: Date | string | null
  customer?: { has_account?: boolean | null } | null
  items?: EarningLine[] | null
  credit_lines?: EarningCreditLine[] | null
}

const DAY = 86_400_000

/** What the earn entries read of the order. */
export const EARNING_ORDER_FIELDS = [
  "id",
  "customer_id",
  "currency_code",
  "status",
  "created_at",
  "customer.has_account",
  // what the order module needs to compute the items' quantities and totals (utils/order-item-fields.ts)
  ...ORDER_ITEM_BASE_FIELDS,
  ...EARNING_LINE_FIELDS,
]

/**
 * The earn entries of a placed order: one per line, at the rule in force now (points per unit of
 * the order's currency, the customer's tier multiplier times their reward schemes' multipliers,
 * rounding, the cap), on the money paid (the part paid with points earns nothing), spendable after the
 * pending period and expiring after the configured days. Only account holders earn; a canceled
 * order earns nothing. Reads the order itself so its BigNumber amounts stay exact.
 */
export const buildOrderEarningsStep = createStep(
  buildOrderEarningsStepId,
  async (input: { order_id: string } & SharedOrderReadInput, { container }) => {
    const loyalty = container.resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const options = await loyalty.effectiveOptions()
    if (!options.enabled) {
      return new StepResponse({ entries: [] as LoyaltyEntryInput[], reason: "loyalty is switched off" })
    }
    const order = (await readOrder(container, input.order_id, EARNING_ORDER_FIELDS, input.shared_read)) as
      EarningOrder | undefined
    if (!order?.customer_id || !order.customer?.has_account) {
      return new StepResponse({ entries: [] as LoyaltyEntryInput[], reason: "guests earn no points" })
    }
    if (order.status === "canceled") {
      return new StepResponse({ entries: [] as LoyaltyEntryInput[], reason: "the order is canceled" })
    }
    const {
      tier,
      scheme_ids: schemeIds,
      scheme_multiplier: schemeMultiplier,
      campaign,
      multiplier,
    } = await earningMultiplierOf(loyalty, order.customer_id, new Date(order.created_at ?? Date.now()))
    const rate = earnRateFor(options, order.currency_code, multiplier)
    const now = Date.now()
    const pointsPaid = paidWithPoints(options, order.credit_lines, LOYALTY_CREDIT_REFERENCE)
    const entries: LoyaltyEntryInput[] = earnPoints(order.items ?? [], rate, options.earn.cap_per_order, pointsPaid)
      .filter((line) => line.points > 0)
      .map((line) => ({
        customer_id: order.customer_id!,
        type: "earn",
        points: line.points,
        idempotency_key: `earn:${order.id}:${line.line_item_id}`,
        order_id: order.id,
        line_item_id: line.line_item_id,
        reason: "order placed",
        rate: {
          ...rate,
          currency_code: order.currency_code,
          tier_id: tier?.id ?? null,
          tier_multiplier: tier?.multiplier ?? 1,
          scheme_ids: schemeIds,
          scheme_multiplier: schemeMultiplier,
          campaign_id: campaign?.id ?? null,
          campaign_multiplier: campaign?.multiplier ?? 1,
          base_amount: line.base_amount,
        },
        available_at: new Date(now + options.earn.pending_days * DAY),
        expires_at: options.expiry_days === null ? null : new Date(now + options.expiry_days * DAY),
        metadata: { quantity: line.quantity },
      }))
    return new StepResponse({ entries, reason: null as string | null })
  }
)
