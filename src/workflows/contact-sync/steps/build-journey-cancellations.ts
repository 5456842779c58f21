import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { EnqueueDeliveryInput } from "../../../provider-api/types"

export const buildJourneyCancellationsStepId = "build-journey-cancellations"

export interface JourneyCancellation {
  email: string
  customer_id?: string | null
  order_id?: string | null
  /** what the cancellation is for: one outbox row per cause (an order, a deletion, an admin's request) */
  cause: string
  /** the cause is a canceled order: only platforms set to stop journeys then are told */
  order_canceled?: boolean
}

/** The journey stop a canceled order asks for: one per order (the subscriber's and reconciliation's). */
export function orderCanceledCancellation(order: {
  id: string
  email: string
  customer_id?: string | null
}): JourneyCancellation {
  return {
    email: order.email,
    customer_id: order.customer_id,
    order_id: order.id,
    cause: `order-canceled:${order.id}`,
    order_canceled: true,
  }
}

/**
 * A journey stop on every platform that runs journeys, for each shopper, keyed by its cause so a
 * repeated event stops the journeys once. Nothing when no such platform is on.
 */
export const buildJourneyCancellationsStep = createStep(
  buildJourneyCancellationsStepId,
  async (input: JourneyCancellation[], { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const platforms = engagement.providersWith("journeys")
    const deliveries: EnqueueDeliveryInput[] = input
      .filter((entry) => entry.email)
      .flatMap((entry) =>
        platforms
          .filter(({ capability }) => !entry.order_canceled || capability.cancel_on_order_cancel)
          .map(({ capability }) => ({
            ...capability.buildCancellation(entry),
            origin: "journey_cancellation" as const,
          }))
      )
    return new StepResponse(deliveries)
  }
)
