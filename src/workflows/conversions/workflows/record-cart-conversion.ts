import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { EngagementEvents } from "../../../modules/engagement/events"
import { enqueueDeliveriesStep } from "../../outbox/steps/enqueue-deliveries"
import { buildCartConversionStep } from "../steps/build-cart-conversion"
import type { SharedOrderReadInput } from "../../../utils/shared-order-read"

export const recordCartConversionWorkflowId = "record-cart-conversion"

/**
 * Runs on `order.placed`: tells the platforms that take cart conversions that the shopper's cart
 * converted, once per order and platform, through
 * the outbox (guest orders too: the order's email identifies the shopper).
 */
export const recordCartConversionWorkflow = createWorkflow(
  recordCartConversionWorkflowId,
  (input: { order_id: string } & SharedOrderReadInput) => {
    const deliveries = buildCartConversionStep(input)
    when({ deliveries }, ({ deliveries }) => deliveries.length > 0).then(() => {
      const results = enqueueDeliveriesStep(deliveries)
      const eventData = transform({ results }, ({ results }) => ({
        ids: results.filter((result) => result.created).map((result) => result.delivery.id),
      }))
      emitEventStep({ eventName: EngagementEvents.DELIVERY_ENQUEUED, data: eventData })
    })
    return new WorkflowResponse(deliveries)
  }
)
