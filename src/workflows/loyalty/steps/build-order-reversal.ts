import type { BigNumberInput } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { OrderReversal } from "../../../modules/loyalty/ledger/reversal"
import { ORDER_ITEM_BASE_FIELDS } from "../../../utils/order-item-fields"

export const buildOrderReversalStepId = "build-order-reversal"

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
}

/**
 * What to take back for an order: everything on a cancel (with its redeemed points given back);
 * on a received return, each line in proportion to the units now back in all (received or
 * dismissed as damaged), so a second return only takes the difference.
 */
export const buildOrderReversalStep = createStep(
  buildOrderReversalStepId,
  async (input: { order_id: string; cause: "cancel" | "return"; return_id?: string }, { container }) => {
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
      ],
      filters: { id: input.order_id },
    })
    const order = data[0] as ReversalOrder | undefined
    if (!order?.customer_id) {
      return new StepResponse(null as OrderReversal | null)
    }
    if (input.cause === "cancel") {
      return new StepResponse<OrderReversal | null>({
        customer_id: order.customer_id,
        order_id: order.id,
        key: `cancel:${order.id}`,
        returned: null,
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
      key: `return:${input.return_id ?? order.id}`,
      returned,
      restore_redemptions: false,
      reason: "items returned",
    })
  }
)
