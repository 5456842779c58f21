import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_ITEM_BASE_FIELDS } from "../../../utils/order-item-fields"

export const validateReviewedPurchaseStepId = "validate-reviewed-purchase"

export interface ReviewedPurchaseInput {
  order_id?: string
  line_item_id?: string
  customer_id?: string
  product_id?: string
}

export interface ReviewedPurchase {
  customer_id: string
  order_id: string
  line_item_id: string
  product_id: string | null
}

const FIELDS = [
  "id",
  "customer_id",
  "status",
  "created_at",
  ...ORDER_ITEM_BASE_FIELDS,
  "items.id",
  "items.product_id",
  "items.quantity",
  "items.detail.quantity",
  "items.detail.return_received_quantity",
  "items.detail.written_off_quantity",
]

type Line = {
  id: string
  product_id?: string | null
  quantity: BigNumberInput
  detail?: {
    quantity?: BigNumberInput
    return_received_quantity?: BigNumberInput | null
    written_off_quantity?: BigNumberInput | null
  } | null
}
type Order = {
  id: string
  customer_id?: string | null
  status: string
  created_at: string | Date
  items?: Line[] | null
}

const count = (value: BigNumberInput | null | undefined) => (value == null ? 0 : MathBN.convert(value).toNumber())

/** Every unit of the line came back (received) or was written off. */
function fullyReturned(line: Line): boolean {
  const quantity = count(line.detail?.quantity ?? line.quantity)
  return count(line.detail?.return_received_quantity) + count(line.detail?.written_off_quantity) >= quantity
}

const refuse = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/**
 * Finds the order line a review is about and checks it earns points: the customer really bought
 * the product, on an order not canceled, and did not send all of it back. Reads only.
 */
export const validateReviewedPurchaseStep = createStep(
  validateReviewedPurchaseStepId,
  async (input: ReviewedPurchaseInput, { container }): Promise<StepResponse<ReviewedPurchase>> => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    if (input.order_id && input.line_item_id) {
      const { data } = await query.graph({ entity: "order", fields: FIELDS, filters: { id: input.order_id } })
      const order = data[0] as Order | undefined
      const line = order?.items?.find((item) => item.id === input.line_item_id)
      if (!order || !line) {
        throw refuse("line_item_id: not a line of this order")
      }
      if (!order.customer_id) {
        throw refuse("order_id: the order has no customer to award")
      }
      if (order.status === "canceled") {
        throw refuse("order_id: the order is canceled")
      }
      if (fullyReturned(line)) {
        throw refuse("line_item_id: the line was returned")
      }
      return new StepResponse({
        customer_id: order.customer_id,
        order_id: order.id,
        line_item_id: line.id,
        product_id: line.product_id ?? null,
      })
    }
    const { data } = await query.graph({
      entity: "order",
      fields: FIELDS,
      filters: { customer_id: input.customer_id! },
    })
    const lines = (data as Order[])
      .filter((order) => order.status !== "canceled")
      .sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
      .flatMap((order) => (order.items ?? []).map((line) => ({ order, line })))
      .filter(({ line }) => line.product_id === input.product_id && !fullyReturned(line))
    if (!lines.length) {
      throw refuse(
        "product_id: the customer has no order of this product that earns points (not bought, canceled or returned)"
      )
    }
    const { order, line } = lines[0]
    return new StepResponse({
      customer_id: order.customer_id!,
      order_id: order.id,
      line_item_id: line.id,
      product_id: line.product_id ?? null,
    })
  }
)
