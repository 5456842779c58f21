import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"
import type { ErasurePlan } from "./prepare-erasure"

export const eraseEngagementDataStepId = "erase-engagement-data"

/**
 * Erases what the engagement module holds of the shopper, records the erasure and writes the
 * platforms' stop calls, all in one database transaction (`eraseCustomerData`). It is the
 * workflow's last writing step and has no compensation: it either commits whole, or fails and its
 * transaction undoes it (the earlier steps are then compensated). Restoring erased personal data
 * afterwards would defeat the erasure.
 */
export const eraseEngagementDataStep = createStep(
  eraseEngagementDataStepId,
  async (
    input: { plan: ErasurePlan; actor: { type: string; id: string }; loyalty: Record<string, number> },
    { container }
  ) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const { plan } = input
    const result = await engagement.eraseCustomerData({
      erasure_id: plan.erasure_id,
      customer_id: plan.customer_id,
      email: plan.email,
      identifiers: plan.identifiers,
      personal_values: plan.personal_values,
      actor: input.actor,
      subject_hash: plan.subject_hash,
      platforms: Object.fromEntries(
        Object.entries(plan.platforms).map(([id, { stop_calls, still_held }]) => [id, { stop_calls, still_held }])
      ),
      stop_calls: plan.stop_calls,
      extra_kinds: input.loyalty,
    })
    return new StepResponse(result)
  }
)
