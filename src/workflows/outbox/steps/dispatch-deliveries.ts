import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const dispatchDeliveriesStepId = "dispatch-deliveries"

/**
 * Attempts the due outbox rows (or only `ids`). Sending cannot be undone, so there is no
 * compensation: each outcome is recorded on its row as soon as the platform answers.
 */
export const dispatchDeliveriesStep = createStep(
  dispatchDeliveriesStepId,
  async (input: { ids?: string[]; platforms?: string[]; max_ms?: number }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    return new StepResponse(await engagement.dispatchDueDeliveries(input))
  }
)
