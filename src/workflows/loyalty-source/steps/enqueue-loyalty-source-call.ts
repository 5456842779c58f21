import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import { type EnqueueDeliveryInput } from "../../../provider-api/types"

export const enqueueLoyaltySourceCallStepId = "enqueue-loyalty-source-call"

/**
 * Writes the shopper's planned outbox row (or takes the one already standing for the same write)
 * and returns its id. No compensation, unlike `enqueueDeliveriesStep`: the row is sent by the next
 * step and is the record of that call, from which a retry is answered; deleting it when a later
 * step refuses the outcome would let the retry send the call a second time.
 */
export const enqueueLoyaltySourceCallStep = createStep(
  enqueueLoyaltySourceCallStepId,
  async (input: { reuse_id: string | null; deliveries: EnqueueDeliveryInput[] }, { container }) => {
    if (input.reuse_id) {
      return new StepResponse(input.reuse_id)
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const [enqueued] = await engagement.enqueueDeliveries(input.deliveries)
    return new StepResponse(enqueued.delivery.id)
  }
)
