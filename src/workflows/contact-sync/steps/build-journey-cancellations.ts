import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE, EnqueueDeliveryInput } from "../../../modules/engagement/types"
import { REJOINER, RejoinerOperations } from "../../../providers/rejoiner"

export const buildJourneyCancellationsStepId = "build-journey-cancellations"

export interface JourneyCancellation {
  email: string
  customer_id?: string | null
  order_id?: string | null
  /** what the cancellation is for: one outbox row per cause (an order, a deletion, an admin's request) */
  cause: string
}

/**
 * Rejoiner's `/customer/cancel/` for each shopper, keyed by its cause so a repeated event stops
 * the journeys once. Nothing when Rejoiner is off.
 */
export const buildJourneyCancellationsStep = createStep(
  buildJourneyCancellationsStepId,
  async (input: JourneyCancellation[], { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    if (!engagement.isPlatformEnabled(REJOINER)) {
      return new StepResponse([] as EnqueueDeliveryInput[])
    }
    const deliveries: EnqueueDeliveryInput[] = input
      .filter((entry) => entry.email)
      .map((entry) => ({
        platform: REJOINER,
        operation: RejoinerOperations.Cancel,
        payload: { email: entry.email },
        idempotency_key: `journey-cancel:${REJOINER}:${entry.cause}`,
        customer_id: entry.customer_id ?? null,
        order_id: entry.order_id ?? null,
      }))
    return new StepResponse(deliveries)
  }
)
