import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const recordErasureStepId = "record-erasure"

export interface RecordErasureInput {
  erasure_id: string
  subject_hash: string
  actor: { type: string; id: string }
  /** rows erased or anonymised, by kind */
  kinds: Record<string, number>
  /** what each platform is sent and still holds */
  platforms: Record<string, { stop_calls: string[]; still_held: string[] }>
}

/**
 * Records the erasure without personal data: who, when, how many of each kind, what each platform
 * was sent and still holds (generated `createErasures`). Compensation deletes the record.
 */
export const recordErasureStep = createStep(
  recordErasureStepId,
  async (input: RecordErasureInput, { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    await engagement.createErasures({
      id: input.erasure_id,
      subject_hash: input.subject_hash,
      actor_type: input.actor.type,
      actor_id: input.actor.id,
      kinds: input.kinds,
      platforms: input.platforms,
    })
    return new StepResponse(input.erasure_id, input.erasure_id)
  },
  async (erasureId, { container }) => {
    if (!erasureId) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).deleteErasures([erasureId])
  }
)
