import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type EngagementModuleService from "../../../modules/engagement/service"
import type { EnqueueDeliveryInput } from "../../../provider-api/types"
import type { EnqueueResult } from "../../../modules/engagement/types"

export const enqueueDeliveriesStepId = "enqueue-deliveries"

/**
 * Writes outbox rows; a row whose idempotency key exists already is returned untouched.
 * Compensation removes only the rows this step created.
 */
export const enqueueDeliveriesStep = createStep(
  enqueueDeliveriesStepId,
  async (input: EnqueueDeliveryInput[], { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const results: EnqueueResult[] = await engagement.enqueueDeliveries(input)
    const createdIds = results.filter((result) => result.created).map((result) => result.delivery.id)
    return new StepResponse(results, createdIds)
  },
  async (createdIds, { container }) => {
    if (!createdIds?.length) {
      return
    }
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    await engagement.deleteDeliveries(createdIds)
  }
)
