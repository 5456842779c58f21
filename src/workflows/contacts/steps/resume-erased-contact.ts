import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const resumeErasedContactStepId = "resume-erased-contact"

/**
 * The shopper changed their own profile: an earlier erasure of theirs no longer holds back their
 * contact (the backfill and the contact sync take them again). Compensation marks the same erasure
 * records as not acted on since.
 */
export const resumeErasedContactStep = createStep(
  resumeErasedContactStepId,
  async (input: { customer_id: string }, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const resumed = await engagement.resumeErasedCustomer(input.customer_id)
    return new StepResponse(resumed, resumed)
  },
  async (resumed, { container }) => {
    if (!resumed?.length) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).unresumeErasures(resumed)
  }
)
