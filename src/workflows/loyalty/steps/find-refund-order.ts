import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ordersOfPaymentCollections } from "../utils/payment-collection-orders"

export const findRefundOrderStepId = "find-refund-order"

/**
 * The order a refund gave money back on: the refund's payment → its payment collection → the
 * order linked to that collection (null when the collection belongs to no order). Throws
 * NOT_FOUND for a refund that does not exist.
 */
export const findRefundOrderStep = createStep(
  findRefundOrderStepId,
  async (input: { refund_id: string }, { container }) => {
    const payments = container.resolve(Modules.PAYMENT)
    const [refund] = await payments.listRefunds(
      { id: input.refund_id },
      { select: ["id", "payment.payment_collection_id"], relations: ["payment"] }
    )
    if (!refund) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `refund_id: no refund with id ${input.refund_id}`)
    }
    const collectionId = refund.payment?.payment_collection_id
    if (!collectionId) {
      return new StepResponse({ order_id: null as string | null })
    }
    const orderId = (await ordersOfPaymentCollections(container, [collectionId])).get(collectionId) ?? null
    return new StepResponse({ order_id: orderId })
  }
)
