import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { EngagementEvents } from "../../../modules/engagement/events"
import type { ConvertOrder } from "../../../providers/rejoiner/convert"
import { enqueueDeliveriesStep } from "../../outbox/steps/enqueue-deliveries"
import { buildCartConversionStep } from "../steps/build-cart-conversion"

export const recordCartConversionWorkflowId = "record-cart-conversion"

export const CONVERSION_ORDER_FIELDS = [
  "id",
  "display_id",
  "email",
  "customer_id",
  "currency_code",
  "total",
  "metadata",
  "promotions.code",
  "items.id",
  "items.title",
  "items.product_title",
  "items.product_description",
  "items.product_subtitle",
  "items.product_handle",
  "items.product_id",
  "items.variant_id",
  "items.variant_sku",
  "items.thumbnail",
  "items.unit_price",
  "items.quantity",
  "items.adjustments.code",
  "items.product.metadata",
  "items.product.categories.name",
]

/**
 * Runs on `order.placed`: tells Rejoiner the shopper's cart converted, once per order, through
 * the outbox (guest orders too: the order's email identifies the shopper).
 */
export const recordCartConversionWorkflow = createWorkflow(recordCartConversionWorkflowId, (input: { order_id: string }) => {
  const { data: orders } = useQueryGraphStep({
    entity: "order",
    fields: CONVERSION_ORDER_FIELDS,
    filters: { id: input.order_id },
    options: { throwIfKeyNotFound: true },
  })
  const order = transform({ orders }, ({ orders }) => orders[0] as ConvertOrder & { customer_id?: string | null })
  const deliveries = buildCartConversionStep({ order })
  when({ deliveries }, ({ deliveries }) => deliveries.length > 0).then(() => {
    const results = enqueueDeliveriesStep(deliveries)
    const eventData = transform({ results }, ({ results }) => ({
      ids: results.filter((result) => result.created).map((result) => result.delivery.id),
    }))
    emitEventStep({ eventName: EngagementEvents.DELIVERY_ENQUEUED, data: eventData })
  })
  return new WorkflowResponse(deliveries)
})
