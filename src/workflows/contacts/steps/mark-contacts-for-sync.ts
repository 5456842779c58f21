import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const markContactsForSyncStepId = "mark-contacts-for-sync"

export interface MarkContactsForSyncInput {
  customer_ids: string[]
  /** milliseconds to wait for more changes; the configured window by default */
  coalesce_ms?: number
  /** only these platforms; every contact-syncing platform by default */
  platforms?: string[]
}

/**
 * Notes that contacts changed, for every platform that keeps contacts. No compensation: a contact
 * marked without a change is compared with what each platform holds and costs no call.
 */
export const markContactsForSyncStep = createStep(
  markContactsForSyncStepId,
  async (input: MarkContactsForSyncInput, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const marked = await engagement.markContactsForSync(input.customer_ids, {
      coalesce_ms: input.coalesce_ms,
      platforms: input.platforms,
    })
    return new StepResponse(marked)
  }
)
