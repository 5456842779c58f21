import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ENGAGEMENT_MODULE, RecordConsentInput } from "../../../modules/engagement/types"

export const createConsentRecordsStepId = "create-consent-records"

/** A ledger row to write; a given `id` makes the write happen once (the primary key refuses a second). */
export type ConsentRecordInput = RecordConsentInput & { id?: string }

/** Appends rows to the consent ledger (never updates one); compensation removes them. */
export const createConsentRecordsStep = createStep(
  createConsentRecordsStepId,
  async (input: ConsentRecordInput[], { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const purposes = engagement.getOptions().consents.purposes
    const recordedAt = new Date()
    const created = await engagement.createConsents(
      input.map((entry) => ({
        ...entry,
        channel: entry.channel ?? purposes[entry.purpose]?.channel ?? null,
        recorded_at: recordedAt,
      }))
    )
    return new StepResponse(created, created.map((row) => row.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).deleteConsents(ids)
  }
)
