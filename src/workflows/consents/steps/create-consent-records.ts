import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type EngagementModuleService from "../../../modules/engagement/service"
import { ConsentChangeInput } from "../../../modules/engagement/types"
import { ENGAGEMENT_MODULE } from "../../../provider-api/provider"

export const createConsentRecordsStepId = "create-consent-records"

/** A requested change; a given `id` makes the write happen once (the primary key refuses a second). */
export type ConsentRecordInput = ConsentChangeInput

/**
 * Appends the real changes to the consent ledger (never updates a row; an unchanged value writes
 * nothing) and notes the confirmation emails due. Compensation removes exactly what it wrote.
 */
export const createConsentRecordsStep = createStep(
  createConsentRecordsStepId,
  async (input: ConsentRecordInput[], { container }) => {
    const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
    const result = await engagement.recordConsentChanges(input)
    return new StepResponse(result, {
      consent_ids: result.created.map((row) => row.id),
      request_rounds: result.confirmations.map(({ request_id, round }) => ({ request_id, round })),
    })
  },
  async (written, { container }) => {
    if (!written || (!written.consent_ids.length && !written.request_rounds.length)) {
      return
    }
    await container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE).undoConsentChanges(written)
  }
)
