import type { BigNumberInput } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { OrderReversal } from "../../../modules/loyalty/ledger/reversal"
import { ORDER_ITEM_BASE_FIELDS } from "../../../utils/order-item-fields"

export const buildOrderReversalStepId = "build-order-reversal"

type Amount = { raw_amount?: BigNumberInput | null; amount?: BigNumberInput | null }

interface ReversalOrder {
  id: string
  customer_id?: string | null
  items?:
    | {
        id: string
        detail?: {
          return_received_quantity?: BigNumberInput | null
          return_dismissed_quantity?: BigNumberInput | null
        } | null
      }[]
    | null
  payment_collections?: { payments?: { captures?: Amount[] | null; refunds?: Amount[] | null }[] | null }[] | null
}

/** What reverses an order's points; a refund of a payment no order has (order_id null) reverses nothing. */
export interface OrderReversalCause {
  order_id: string | null
  cause: "cancel" | "return" | "refund"
  /** the key of a return's reversal (the order's id when absent) */
  return_id?: string
  /** the key of a refund's reversal */
  refund_id?: string
}

const sum = (amounts: Amount[]) =>
  amounts.reduce((total: BigNumberInput, amount) => MathBN.add(total, amount.raw_amount ?? amount.amount ?? 0), 0)

/**
 * What to take back for an order: everything on a cancel (with its redeemed points given back);
 * otherwise what the order has given back in all, read from the order as it is now — the units
 * back per line (received or dismissed as damaged) and the money refunded against the money
 * captured — so a later return or refund only takes the difference, and none takes what another
 * took (see `lineReversals`). A refund gives back money only: its redeemed points stay spent.
 */
export const buildOrderReversalStep = createStep(
  buildOrderReversalStepId,
  async (input: OrderReversalCause, { container }) => {
    if (!input.order_id) {
      return new StepResponse(null as OrderReversal | null)
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "customer_id",
        ...ORDER_ITEM_BASE_FIELDS,
        "items.id",
        "items.detail.return_received_quantity",
        "items.detail.return_dismissed_quantity",
        "payment_collections.payments.captures.raw_amount",
        "payment_collections.payments.refunds.raw_amount",
      ],
      filters: { id: input.order_id },
    })
    const order = data[0] as ReversalOrder | undefined
    if (!order?.customer_id) {
      return new StepResponse(null as OrderReversal | null)
    }
    const payments = (order.payment_collections ?? []).flatMap((collection) => collection.payments ?? [])
    const refunded = {
      refunded: MathBN.convert(sum(payments.flatMap((payment) => payment.refunds ?? []))).toString(),
      captured: MathBN.convert(sum(payments.flatMap((payment) => payment.captures ?? []))).toString(),
    }
    if (input.cause === "cancel") {
      return new StepResponse<OrderReversal | null>({
        customer_id: order.customer_id,
        order_id: order.id,
        key: `cancel:${order.id}`,
        returned: null,
        refunded,
        restore_redemptions: true,
        reason: "order canceled",
      })
    }
    const returned: Record<string, number> = {}
    for (const item of order.items ?? []) {
      returned[item.id] = MathBN.add(
        item.detail?.return_received_quantity ?? 0,
        item.detail?.return_dismissed_quantity ?? 0
      ).toNumber()
    }
    return new StepResponse<OrderReversal | null>({
      customer_id: order.customer_id,
      order_id: order.id,
      key: input.cause === "refund" ? `refund:${input.refund_id}` : `return:${input.return_id ?? order.id}`,
      returned,
      refunded,
      restore_redemptions: false,
      reason: input.cause === "refund" ? "payment refunded" : "items returned",
    })
  }
)
